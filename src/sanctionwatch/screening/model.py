"""The name model's weights: one logistic model per kind of party.

Fitted by ``scripts/fit_name_model.py`` on nomenklatura's name-bench pairs (MIT, in
``../shared/conformance``); the script prints the weights below and the cross-validated
F1 they reach. Changing a feature means refitting and bumping ``MODEL_VERSION``.
"""

from __future__ import annotations

from sanctionwatch.screening.features import FEATURE_NAMES

MODEL_VERSION = "names-0"

# Weights in FEATURE_NAMES order, then the bias.
MODELS: dict[str, tuple[tuple[float, ...], float]] = {
    "person": (
        (
            0.000,
            0.000,
            0.000,
            0.000,
            -4.228,
            0.566,
            -1.164,
            0.000,
            0.000,
            0.000,
            1.799,
            0.036,
            -0.834,
            0.000,
            0.000,
            1.790,
        ),
        1.666,
    ),
    "organisation": (
        (
            1.168,
            0.961,
            0.000,
            -1.709,
            -0.854,
            1.950,
            0.000,
            0.000,
            0.000,
            0.000,
            -0.271,
            0.356,
            -0.883,
            0.000,
            0.000,
            2.197,
        ),
        -1.424,
    ),
}

_KIND = {"Person": "person", "Vessel": "organisation"}


def model_for(schema: str) -> tuple[tuple[float, ...], float]:
    """The weights and bias for a schema (people apart; bodies and vessels together)."""
    weights, bias = MODELS[_KIND.get(schema, "organisation")]
    assert len(weights) == len(FEATURE_NAMES)
    return weights, bias

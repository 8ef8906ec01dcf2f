"""How the fast path's kernels are compiled: numba, behind the functions' own type hints.

``kernel`` compiles a function that Python calls with ``numba.njit``: machine code, no Python
objects inside, ``nogil`` (other threads run meanwhile) and ``cache=True``: the machine code
is kept in ``__pycache__`` (or numba's user cache when that is not writable). The first call
after an install or an edit compiles (seconds); later processes load it (a fraction of a
second, most of it numba starting up).

``helper`` marks a small function that kernels call: typed once per argument types (not once
per constant argument, as a jitted function would be: that multiplied compile time) and
inlined by LLVM into each caller (a call costs more than the few shifts most helpers are).

Kernels and helpers run without numba's reference counting (``_nrt=False``): they allocate
nothing (callers pass every array in), and counting the arrays handed to helpers in branchy
code cost more than the work itself.

numba's cache notices a change to the file of the kernel Python calls, not to what it uses
from other files (compiled into it): so a kernel module calls only helpers of its own module
and reads only its own constants (other data comes in as arguments), and a change to this
module's options needs the cached kernels removed (``__pycache__/*.nbi``, ``*.nbc``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numba
from numba.extending import register_jitable

Function = TypeVar("Function", bound=Callable[..., Any])


def kernel(function: Function) -> Function:
    """``function`` compiled by numba on first call (or loaded from its cache)."""
    compiled: Function = numba.njit(cache=True, nogil=True, _nrt=False)(function)
    return compiled


def helper(function: Function) -> Function:
    """``function`` compiled into, and inlined by, the kernels that call it."""
    inlined: Function = register_jitable(forceinline=True, _nrt=False)(function)
    return inlined

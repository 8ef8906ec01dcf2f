"""Maritime detection: pure kernels over one vessel's time-sorted arrays, no I/O."""

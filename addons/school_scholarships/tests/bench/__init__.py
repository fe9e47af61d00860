from . import test_bench_allocation

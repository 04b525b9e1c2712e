//! The mutation fuzzer's parts (tests/it/fuzz.rs runs them): a seeded random number generator, the
//! mutations, the pipeline with its checks, and an allocator that measures peak memory.

pub mod alloc;
pub mod mutate;
pub mod pipeline;
pub mod rng;

//! The compiled condition DAG.

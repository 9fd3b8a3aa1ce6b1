//! Event-type set extraction (De Morgan over the condition).

//! Decoding rules-file items from YAML nodes.

//! From collected items to compiled rules.

//! Lists: item expansion and textual substitution into conditions.

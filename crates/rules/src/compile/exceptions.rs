//! Rule exceptions rewritten into condition text, as Falco does.

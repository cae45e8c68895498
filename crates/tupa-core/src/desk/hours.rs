//! Support hours and working-time arithmetic (being written).

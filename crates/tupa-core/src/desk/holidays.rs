//! Finnish public holidays (being written).

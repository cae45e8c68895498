//! Incoming mail: parsing and threading keys (being written).

//! Closed sets of words — a ticket's status, a form's chosen action — as enums, so a value is
//! parsed once where it enters (a form, the API, a database row) and cannot be misspelt
//! inside. The words on the wire and in the database stay exactly what they were.
//!
//! [`closed_set!`](crate::closed_set) writes the same few impls for each set: `as_str`, `ALL`
//! (for the choices a form lists), `FromStr` that refuses an unknown word with the set's
//! translated field error, `Display`, serde with the wire words, and `TryFrom<String>` for
//! `#[sqlx(try_from = "String")]` on row structs, with sqlx's `Decode` beside it for optional
//! columns (`Option<Set>`). An unknown word in a row is a fault of the data, not of the
//! person, so it is unexpected rather than a field error.
//!
//! A value is never compared with a word: `status == "draft"` does not compile, so a misspelt
//! word cannot hide in code or in a template (templates compare with the variant's path,
//! `a.status == AdState::Draft`, which the page's module imports).

/// Declares a closed set: `enum Name ("field", "error-code") { Variant = "word", … }`.
/// Extra derives (for example `utoipa::ToSchema`) go in the attributes before `enum`.
#[macro_export]
macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($field:literal, $code:literal) {
            // `tt`, not `literal`: a `literal` fragment reaches derives inside an invisible
            // group, and utoipa's ToSchema then misses `#[serde(rename)]` and documents the
            // variant names ("New") instead of the words ("new").
            $( $(#[$vmeta:meta])* $variant:ident = $wire:tt ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $wire)] $variant ),+
        }

        #[allow(dead_code)]
        impl $name {
            /// Every value, in the order forms list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word on the wire and in the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }
        }

        impl $crate::closed_set::ClosedSet for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn word(self) -> &'static str {
                self.as_str()
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;
            /// Refuses an unknown word with the set's field error (never a default).
            fn from_str(s: &str) -> ::std::result::Result<$name, $crate::Error> {
                match s {
                    $($wire => Ok($name::$variant),)+
                    _ => Err($crate::Error::invalid($field, $code)),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::convert::TryFrom<String> for $name {
            type Error = $crate::Error;
            fn try_from(s: String) -> ::std::result::Result<$name, $crate::Error> {
                s.parse().map_err(|_| $crate::closed_set::unknown_stored(stringify!($name), &s))
            }
        }

        // Read straight from a row, so an optional column is `Option<Set>` (a `try_from`
        // attribute cannot name `Option<String>`); an unknown word is the data's fault.
        impl $crate::closed_set::__sqlx::Type<$crate::closed_set::__sqlx::Any> for $name {
            fn type_info() -> $crate::closed_set::__sqlx::any::AnyTypeInfo {
                <String as $crate::closed_set::__sqlx::Type<$crate::closed_set::__sqlx::Any>>::type_info()
            }
        }

        impl<'r> $crate::closed_set::__sqlx::Decode<'r, $crate::closed_set::__sqlx::Any> for $name {
            fn decode(
                value: $crate::closed_set::__sqlx::any::AnyValueRef<'r>,
            ) -> ::std::result::Result<$name, $crate::closed_set::__sqlx::error::BoxDynError> {
                let s = <String as $crate::closed_set::__sqlx::Decode<'r, $crate::closed_set::__sqlx::Any>>::decode(value)?;
                Ok(<$name as ::std::convert::TryFrom<String>>::try_from(s)?)
            }
        }
    };
}

#[doc(hidden)]
pub use sqlx as __sqlx;

/// A word a row holds that its set does not know: the data's fault (or a newer release's),
/// not the person's.
pub fn unknown_stored(set: &str, word: &str) -> crate::Error {
    crate::Error::Unexpected(anyhow::anyhow!("unknown {set} {word:?} in the database"))
}

/// What every [`closed_set!`](crate::closed_set) enum is, so code (and tests) can treat the
/// sets alike.
pub trait ClosedSet:
    Copy + std::fmt::Debug + PartialEq + std::str::FromStr<Err = crate::Error> + 'static
{
    /// Every value, in the order forms list them.
    const ALL: &'static [Self];
    /// The word on the wire and in the database.
    fn word(self) -> &'static str;
}

/// Checks a closed set both ways: every value's word parses back to it, survives serde and a
/// database read, and a word outside the set (or a near miss in case) is refused with the
/// set's field error.
#[cfg(test)]
pub(crate) fn check<T>(field: &str, code: &str)
where
    T: ClosedSet
        + std::fmt::Display
        + serde::Serialize
        + serde::de::DeserializeOwned
        + TryFrom<String, Error = crate::Error>,
{
    assert!(!T::ALL.is_empty());
    for &v in T::ALL {
        let w = v.word();
        assert_eq!(w.parse::<T>().unwrap(), v);
        assert_eq!(v.to_string(), w);
        assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(w));
        assert_eq!(serde_json::from_value::<T>(serde_json::json!(w)).unwrap(), v);
        assert_eq!(T::try_from(w.to_string()).unwrap(), v);
        for bad in [format!("{w} "), w.to_uppercase(), format!("x{w}")] {
            if bad == w {
                continue;
            }
            match bad.parse::<T>() {
                Err(crate::Error::Invalid { field: f, code: c }) => {
                    assert_eq!((f, c), (field, code), "{bad:?}")
                }
                other => panic!("{bad:?} gave {other:?}"),
            }
            assert!(serde_json::from_value::<T>(serde_json::json!(bad)).is_err());
            assert!(matches!(T::try_from(bad), Err(crate::Error::Unexpected(_))));
        }
    }
    for bad in ["", "unknown", "ALL"] {
        assert!(bad.parse::<T>().is_err(), "{bad:?}");
    }
}

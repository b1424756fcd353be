//! A deserializer over a borrowed JSON value that remembers where an error happened.
//!
//! It behaves as serde_json's own `&Value` deserializer does (same visitor calls, so the
//! same error messages) and, on the way out of a failed value, notes that value's option
//! path. One difference: a table of options must be a JSON object, as the schema says;
//! serde_json would also take an array as the table's fields in order (and every options
//! type would carry the code for that). It replaces serde_path_to_error, which wraps every deserializer, visitor and
//! access type and so compiled each options type twice: a fifth of the code that reads
//! options, in the WebAssembly module.

use super::Seg;
use super::toml_doc::DATETIME_KEY;
use serde::de::{
    self, DeserializeSeed, EnumAccess, Error as _, MapAccess, SeqAccess, Unexpected, VariantAccess,
    Visitor,
};
use serde_json::value::{Map, Value};
use serde_json::{Error, Number};
use std::cell::RefCell;

/// Deserializes `T` from `value`; on failure, also returns the path of the value that
/// failed (the innermost one, as serde_path_to_error reports it).
pub(super) fn deserialize<'de, T: de::Deserialize<'de>>(
    value: &'de Value,
) -> Result<T, (Vec<Seg>, Error)> {
    run::<T>(value, false)
}

/// As [`deserialize`], for a value that was a TOML document: an enum variant written as a
/// table takes an empty table or array, as toml's deserializer has it, not null.
pub(super) fn deserialize_toml<'de, T: de::Deserialize<'de>>(
    value: &'de Value,
) -> Result<T, (Vec<Seg>, Error)> {
    run::<T>(value, true)
}

fn run<'de, T: de::Deserialize<'de>>(
    value: &'de Value,
    toml: bool,
) -> Result<T, (Vec<Seg>, Error)> {
    let run = Run {
        failed: RefCell::new(None),
        toml,
    };
    let at = At {
        value,
        place: &Place::Root,
        run: &run,
    };
    T::deserialize(at).map_err(|e| (run.failed.into_inner().unwrap_or_default(), e))
}

/// One deserialization: where it failed, and what kind of text the value came from.
struct Run {
    failed: RefCell<Option<Vec<Seg>>>,
    toml: bool,
}

/// Where a value sits: a chain of steps from the root, on the stack.
enum Place<'a> {
    Root,
    Key(&'a Place<'a>, &'a str),
    Index(&'a Place<'a>, usize),
}

impl Place<'_> {
    fn to_path(&self) -> Vec<Seg> {
        let mut path = Vec::new();
        let mut place = self;
        loop {
            match place {
                Place::Root => break,
                Place::Key(parent, key) => {
                    path.push(Seg::Key((*key).to_owned()));
                    place = parent;
                }
                Place::Index(parent, index) => {
                    path.push(Seg::Index(*index));
                    place = parent;
                }
            }
        }
        path.reverse();
        path
    }
}

/// Records `place` as where deserialization failed, unless a deeper place already was.
fn note(run: &Run, place: &Place<'_>) {
    let mut failed = run.failed.borrow_mut();
    if failed.is_none() {
        *failed = Some(place.to_path());
    }
}

/// One value and its place.
#[derive(Clone, Copy)]
struct At<'de, 'a> {
    value: &'de Value,
    place: &'a Place<'a>,
    run: &'a Run,
}

impl<'de> de::Deserializer<'de> for At<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => de::Deserializer::deserialize_any(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
                index: 0,
                place: self.place,
                run: self.run,
            }),
            Value::Object(map) => visitor.visit_map(Entries {
                entries: map.iter(),
                pending: None,
                place: self.place,
                run: self.run,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(self.variant()?)
    }

    /// An object only: not an array of the fields in order.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.entries() {
            Ok(entries) => visitor.visit_map(entries),
            Err(other) => Err(Error::invalid_type(other, &visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.items() {
            Ok(items) => visitor.visit_seq(items),
            Err(other) => Err(Error::invalid_type(other, &visitor)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf unit unit_struct newtype_struct tuple tuple_struct map
        identifier ignored_any
    }
}

/// The parts of the access methods that are the same for every type read, as functions
/// of their own: the methods are compiled once for every options type, and these once.
impl<'de, 'a> At<'de, 'a> {
    /// The entries of an object, or what the value is instead.
    #[inline(never)]
    fn entries(self) -> Result<Entries<'de, 'a>, Unexpected<'de>> {
        match self.value {
            Value::Object(map) => Ok(Entries {
                entries: map.iter(),
                pending: None,
                place: self.place,
                run: self.run,
            }),
            other => Err(unexpected(other)),
        }
    }

    /// The items of an array, or what the value is instead.
    #[inline(never)]
    fn items(self) -> Result<Items<'de, 'a>, Unexpected<'de>> {
        match self.value {
            Value::Array(items) => Ok(Items {
                items: items.iter(),
                index: 0,
                place: self.place,
                run: self.run,
            }),
            other => Err(unexpected(other)),
        }
    }

    /// An enum's variant: written as its name, or as `{ "variant": value }`.
    #[inline(never)]
    fn variant(self) -> Result<Variant<'de, 'a>, Error> {
        let (name, value) = match self.value {
            Value::String(variant) => (variant.as_str(), None),
            Value::Object(map) => single_entry(map)?,
            other => return Err(Error::invalid_type(unexpected(other), &"string or map")),
        };
        Ok(Variant {
            name,
            value,
            place: self.place,
            run: self.run,
        })
    }
}

/// An enum written as `{ "variant": value }`.
fn single_entry(map: &Map<String, Value>) -> Result<(&str, Option<&Value>), Error> {
    let mut entries = map.iter();
    match (entries.next(), entries.next()) {
        (Some((variant, value)), None) => Ok((variant.as_str(), Some(value))),
        _ => Err(Error::invalid_value(
            Unexpected::Map,
            &"map with a single key",
        )),
    }
}

/// What serde calls a value in its error messages.
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => number(n),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn number(n: &Number) -> Unexpected<'static> {
    if let Some(u) = n.as_u64() {
        Unexpected::Unsigned(u)
    } else if let Some(i) = n.as_i64() {
        Unexpected::Signed(i)
    } else {
        Unexpected::Float(n.as_f64().unwrap_or_default())
    }
}

/// The elements of an array, each at its index.
struct Items<'de, 'a> {
    items: std::slice::Iter<'de, Value>,
    index: usize,
    place: &'a Place<'a>,
    run: &'a Run,
}

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let place = Place::Index(self.place, self.index);
        self.index += 1;
        let at = At {
            value,
            place: &place,
            run: self.run,
        };
        match seed.deserialize(at) {
            Ok(element) => Ok(Some(element)),
            Err(e) => {
                note(self.run, &place);
                Err(e)
            }
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of an object, each value at its key.
struct Entries<'de, 'a> {
    entries: serde_json::map::Iter<'de>,
    pending: Option<(&'de str, &'de Value)>,
    place: &'a Place<'a>,
    run: &'a Run,
}

impl<'de> MapAccess<'de> for Entries<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(key) = self.advance() else {
            return Ok(None);
        };
        let key_de: de::value::BorrowedStrDeserializer<'de, Error> =
            de::value::BorrowedStrDeserializer::new(key);
        match seed.deserialize(key_de) {
            Ok(k) => Ok(Some(k)),
            Err(e) => {
                // An unknown field: the path names the field.
                note(self.run, &Place::Key(self.place, key));
                Err(e)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, value) = self.pending()?;
        let place = Place::Key(self.place, key);
        let at = At {
            value,
            place: &place,
            run: self.run,
        };
        seed.deserialize(at).inspect_err(|_| note(self.run, &place))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

impl<'de> Entries<'de, '_> {
    /// Moves to the next entry and gives its key; its value waits for `next_value_seed`.
    /// Not inlined: the access methods are compiled once for every type of field read,
    /// and this part is the same for all of them.
    #[inline(never)]
    fn advance(&mut self) -> Option<&'de str> {
        let (key, value) = self.entries.next()?;
        self.pending = Some((key, value));
        Some(key.as_str())
    }

    /// The entry whose key was read last, taken to read its value.
    #[inline(never)]
    fn pending(&mut self) -> Result<(&'de str, &'de Value), Error> {
        self.pending
            .take()
            .ok_or_else(|| Error::custom("a value was asked for before its key"))
    }
}

/// An enum variant by name, with its value when written `{ "variant": value }`.
struct Variant<'de, 'a> {
    name: &'de str,
    value: Option<&'de Value>,
    place: &'a Place<'a>,
    run: &'a Run,
}

impl<'de, 'a> EnumAccess<'de> for Variant<'de, 'a> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name = de::value::BorrowedStrDeserializer::<Error>::new(self.name);
        let variant = seed.deserialize(name)?;
        Ok((variant, self))
    }
}

impl<'de> Variant<'de, '_> {
    /// Deserializes the variant's value (null when none was written) at `place.variant`.
    fn content<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        static NULL: Value = Value::Null;
        let place = Place::Key(self.place, self.name);
        let at = At {
            value: self.value.unwrap_or(&NULL),
            place: &place,
            run: self.run,
        };
        seed.deserialize(at).inspect_err(|_| note(self.run, &place))
    }
}

impl<'de> VariantAccess<'de> for Variant<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            Some(value) if self.run.toml => {
                let problem = match value {
                    Value::Array(items) if items.is_empty() => return Ok(()),
                    Value::Object(map) if map.is_empty() => return Ok(()),
                    Value::Array(_) => "expected empty array".to_owned(),
                    Value::Object(map) if map.contains_key(DATETIME_KEY) => {
                        "expected table, found datetime".to_owned()
                    }
                    Value::Object(_) => "expected empty table".to_owned(),
                    Value::Number(n) if n.is_f64() => "expected table, found float".to_owned(),
                    Value::Number(_) => "expected table, found integer".to_owned(),
                    Value::Bool(_) => "expected table, found boolean".to_owned(),
                    _ => "expected table, found string".to_owned(),
                };
                note(self.run, &Place::Key(self.place, self.name));
                Err(Error::custom(problem))
            }
            Some(_) => self.content(std::marker::PhantomData::<()>),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        self.content(seed)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.content(Seeded(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.content(Seeded(visitor))
    }
}

/// A visitor used as a seed (for tuple and struct variants, which no option uses).
struct Seeded<V>(V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Seeded<V> {
    type Value = V::Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_any(self.0)
    }
}

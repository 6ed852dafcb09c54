//! Writing the two large tables, `words.csv` and `stems.csv`, a field at a time into
//! one buffer.
//!
//! A real vocabulary is a hundred thousand rows or more, written after the counting,
//! when nothing else is left to do: at that size, `csv::Writer`'s work per field (a
//! state machine, a quoting scan and a copy for every field, numbers included) costs
//! as much as the sorting. Here numbers, which never need quotes, are formatted
//! straight into the buffer, and text fields are quoted by csv-core's own rule
//! ([`csv_core::Writer::should_quote`], [`csv_core::quote`]), so the output is byte for
//! byte what `csv::Writer` with its defaults writes.

use std::io::{self, Write};

/// The buffer is written out when it holds this much.
const FLUSH_BYTES: usize = 1 << 18;

/// A CSV writer for rows of text and number fields; see the module docs.
pub(crate) struct RowWriter<W: Write> {
    out: W,
    buf: Vec<u8>,
    /// For its quoting rule only.
    rules: csv_core::Writer,
    /// No field written yet in the current row.
    row_start: bool,
    number: itoa::Buffer,
}

impl<W: Write> RowWriter<W> {
    pub(crate) fn new(out: W) -> RowWriter<W> {
        RowWriter {
            out,
            buf: Vec::with_capacity(FLUSH_BYTES + 4096),
            rules: csv_core::Writer::new(),
            row_start: true,
            number: itoa::Buffer::new(),
        }
    }

    #[inline]
    fn separate(&mut self) {
        if !std::mem::replace(&mut self.row_start, false) {
            self.buf.push(b',');
        }
    }

    /// Whether `field` must be quoted.
    #[inline]
    pub(crate) fn needs_quotes(&self, field: &str) -> bool {
        self.rules.should_quote(field.as_bytes())
    }

    /// A text field, quoted when it must be.
    #[inline]
    pub(crate) fn text(&mut self, field: &str) {
        self.separate();
        if self.needs_quotes(field) {
            self.quoted(field);
        } else {
            self.buf.extend_from_slice(field.as_bytes());
        }
    }

    #[cold]
    fn quoted(&mut self, field: &str) {
        // Every quote doubled, and the two around it.
        let start = self.buf.len();
        self.buf.resize(start + 2 * field.len() + 2, 0);
        self.buf[start] = b'"';
        let (_, read, written) = csv_core::quote(field.as_bytes(), &mut self.buf[start + 1..], b'"', b'\\', true);
        debug_assert_eq!(read, field.len());
        let end = start + 1 + written;
        self.buf[end] = b'"';
        self.buf.truncate(end + 1);
    }

    /// A field of text that needs no quotes, such as a formatted number.
    #[inline]
    pub(crate) fn plain(&mut self, field: &str) {
        debug_assert!(!self.needs_quotes(field));
        self.separate();
        self.buf.extend_from_slice(field.as_bytes());
    }

    /// A field of text that needs no quotes ([`RowWriter::needs_quotes`]), written in
    /// parts by `write`.
    #[inline]
    pub(crate) fn plain_with(&mut self, write: impl FnOnce(&mut Vec<u8>, &mut itoa::Buffer)) {
        self.separate();
        write(&mut self.buf, &mut self.number);
    }

    /// A number field.
    #[inline]
    pub(crate) fn number(&mut self, n: u64) {
        self.separate();
        self.buf.extend_from_slice(self.number.format(n).as_bytes());
    }

    /// Ends the row.
    #[inline]
    pub(crate) fn end_row(&mut self) -> io::Result<()> {
        self.buf.push(b'\n');
        self.row_start = true;
        if self.buf.len() >= FLUSH_BYTES {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes out what is buffered.
    pub(crate) fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        self.out.flush()
    }

    /// A writer whose first row, `header`, is written.
    pub(crate) fn with_header(out: W, header: &[&str]) -> io::Result<RowWriter<W>> {
        let mut w = RowWriter::new(out);
        header.iter().for_each(|h| w.text(h));
        w.end_row()?;
        Ok(w)
    }

    /// Flushes, and hands back the writer.
    pub(crate) fn into_inner(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    /// Rows written field by field with `csv::Writer`, as the tables were before.
    fn with_csv(rows: &[Vec<Result<&str, u64>>]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().has_headers(false).flexible(true).from_writer(Vec::new());
        for row in rows {
            for f in row {
                match f {
                    Ok(s) => w.write_field(s).unwrap(),
                    Err(n) => w.write_field(n.to_string()).unwrap(),
                }
            }
            w.write_record(None::<&[u8]>).unwrap();
        }
        w.into_inner().unwrap()
    }

    fn with_rows(rows: &[Vec<Result<&str, u64>>]) -> Vec<u8> {
        let mut w = RowWriter::new(Vec::new());
        for row in rows {
            for f in row {
                match f {
                    Ok(s) => w.text(s),
                    Err(n) => w.number(*n),
                }
            }
            w.end_row().unwrap();
        }
        w.flush().unwrap();
        w.out
    }

    proptest::proptest! {
        #[test]
        fn writes_what_csv_writes(
            rows in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::prop_oneof![
                        "[а-я,\"\r\n' ;:a-z]{0,12}".prop_map(Ok),
                        proptest::num::u64::ANY.prop_map(Err),
                    ],
                    2..6,
                ),
                0..40,
            ),
        ) {
            let rows: Vec<Vec<Result<&str, u64>>> =
                rows.iter().map(|r| r.iter().map(|f| f.as_ref().map(String::as_str).map_err(|n| *n)).collect()).collect();
            proptest::prop_assert_eq!(with_rows(&rows), with_csv(&rows));
        }
    }

    #[test]
    fn quotes_like_csv() {
        let rows = vec![vec![Ok("a,b"), Ok("say \"hi\""), Err(7)], vec![Ok("line\nbreak"), Ok("cr\r"), Ok("")]];
        assert_eq!(with_rows(&rows), with_csv(&rows));
        assert_eq!(with_rows(&rows), b"\"a,b\",\"say \"\"hi\"\"\",7\n\"line\nbreak\",\"cr\r\",\n");
    }

    #[test]
    fn flushes_large_output_whole() {
        let rows: Vec<Vec<Result<&str, u64>>> = (0..30_000).map(|i| vec![Ok("сөздік"), Err(i)]).collect();
        assert_eq!(with_rows(&rows), with_csv(&rows));
    }
}

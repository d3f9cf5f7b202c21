//! Reading the text `getReport`/`getReport_v2` return (`sReport`) into columns
//! and rows.
//!
//! Prefer XML output (`setOutput` with [`api::Output::Xml`](crate::api::Output)):
//! the TEXT output does not escape its delimiter inside values, so a value that
//! contains it shifts the row — [`Report::parse_text`] then refuses the row
//! rather than returning misaligned columns.
//!
//! ```
//! use logmein_rescue::report::Report;
//!
//! let xml = r#"<report><header><field id="0">Session ID</field><field id="1">Technician Name</field></header>
//!   <data><row><field id="0">10000001</field><field id="1">Tech One</field></row></data></report>"#;
//! let report = Report::parse_xml(xml)?;
//! assert_eq!(report.columns, ["Session ID", "Technician Name"]);
//! assert_eq!(report.value(0, "Technician Name"), Some("Tech One"));
//!
//! let text = "Session ID|Technician Name|\n10000001|Tech #quot;One#quot;|\n";
//! let report = Report::parse_text(text, '|')?;
//! assert_eq!(report.value(0, "Technician Name"), Some("Tech \"One\""));
//! # Ok::<(), logmein_rescue::report::ReportError>(())
//! ```

use quick_xml::events::Event;
use quick_xml::Reader;

/// A report: column names from its header, then one row of values per line.
#[derive(Debug, Clone, Default, PartialEq, Eq, crate::runtime::serde::Serialize)]
#[serde(crate = "crate::runtime::serde")]
pub struct Report {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// Rows, each with one value per column.
    pub rows: Vec<Vec<String>>,
    /// Elements of an XML report that are not header, data, row or field (kept
    /// by name so that nothing is dropped silently).
    pub unknown_elements: Vec<String>,
}

/// How a report's text is laid out (what `setOutput`/`setDelimiter` chose).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// `<report><header><field id=…>…</field></header><data><row>…</row></data></report>`.
    Xml,
    /// A header line and one line per row, each value followed by `delimiter`.
    Text {
        /// The column separator (`|` unless `setDelimiter` changed it).
        delimiter: char,
    },
}

/// Why a report's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The XML report is not well-formed.
    #[error("XML report at byte {position}: {message}")]
    Xml {
        /// Byte offset in the report text.
        position: u64,
        /// What is wrong.
        message: String,
    },
    /// A `<field>` whose `id` is not a column number below the limit, or points
    /// beyond the fields seen so far (and the header's columns).
    #[error(
        "XML report at byte {position}: field id {id:?} is not a column number within the fields seen so far (at most {MAX_COLUMNS})"
    )]
    FieldId {
        /// Byte offset in the report text.
        position: u64,
        /// The `id` attribute as sent.
        id: String,
    },
    /// A TEXT line with another number of values than the header has columns —
    /// usually a value that contains the delimiter. Use XML output.
    #[error("TEXT report line {line}: {found} values for {expected} columns (a value probably contains the delimiter; use XML output)")]
    Misaligned {
        /// 1-based line number.
        line: usize,
        /// Values on the line.
        found: usize,
        /// Columns in the header.
        expected: usize,
    },
}

/// Most columns a report may have (a bound on the `id` of a field).
pub const MAX_COLUMNS: usize = 4096;

impl Report {
    /// Reads a report in the given format.
    pub fn parse(text: &str, format: ReportFormat) -> Result<Report, ReportError> {
        match format {
            ReportFormat::Xml => Report::parse_xml(text),
            ReportFormat::Text { delimiter } => Report::parse_text(text, delimiter),
        }
    }

    /// Reads an XML report (without recursion, in time linear in its length).
    /// Text before the first `<` (a status line such as `OK`) is skipped.
    pub fn parse_xml(text: &str) -> Result<Report, ReportError> {
        let start = text.find('<').unwrap_or(text.len());
        let mut reader = Reader::from_str(&text[start..]);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = true;
        let mut report = Report::default();
        // Where the reader is: inside <header>, inside a <row>, inside a <field>.
        let (mut in_header, mut row, mut field): (bool, Option<Vec<String>>, Option<usize>) =
            (false, None, None);
        let mut value = String::new();
        let (mut header_seen, mut row_seen) = (0usize, 0usize);
        let xml_error = |reader: &Reader<&[u8]>, message: String| ReportError::Xml {
            position: start as u64 + reader.buffer_position(),
            message,
        };
        loop {
            let event = reader
                .read_event()
                .map_err(|e| xml_error(&reader, e.to_string()))?;
            match event {
                Event::Start(e) => match e.local_name().as_ref() {
                    b"report" | b"data" => {}
                    b"header" => in_header = true,
                    b"row" => {
                        row = Some(Vec::new());
                        row_seen = 0;
                    }
                    b"field" => {
                        // Fields met in this header or row so far, this one included:
                        // an id may not point beyond them (or beyond the header's
                        // columns), so memory stays within a constant of the input.
                        let seen = if in_header {
                            header_seen += 1;
                            header_seen
                        } else {
                            row_seen += 1;
                            row_seen.max(report.columns.len())
                        };
                        let next = if in_header {
                            report.columns.len()
                        } else {
                            row.as_ref().map_or(0, Vec::len)
                        };
                        let mut index = next;
                        for a in e.attributes().with_checks(false).flatten() {
                            if a.key.local_name().as_ref() == b"id" {
                                let id = String::from_utf8_lossy(&a.value).into_owned();
                                index = id
                                    .trim()
                                    .parse::<usize>()
                                    .ok()
                                    .filter(|i| *i < MAX_COLUMNS && *i <= seen)
                                    .ok_or(ReportError::FieldId {
                                        position: start as u64 + reader.buffer_position(),
                                        id,
                                    })?;
                            }
                        }
                        field = Some(index);
                        value.clear();
                    }
                    other => report
                        .unknown_elements
                        .push(String::from_utf8_lossy(other).into_owned()),
                },
                Event::Text(t) if field.is_some() => {
                    let t = t
                        .xml_content()
                        .map_err(|e| xml_error(&reader, e.to_string()))?;
                    value.push_str(&t);
                }
                Event::GeneralRef(r) if field.is_some() => {
                    // Entities resolve exactly as in SOAP answers (the runtime's rules).
                    let c = crate::runtime::xml::resolve_reference(&r)
                        .map_err(|m| xml_error(&reader, m))?;
                    value.push(c);
                }
                Event::CData(c) if field.is_some() => {
                    value.push_str(&String::from_utf8_lossy(&c));
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"header" => in_header = false,
                    b"row" => {
                        if let Some(mut r) = row.take() {
                            r.resize(r.len().max(report.columns.len()), String::new());
                            report.rows.push(r);
                        }
                    }
                    b"field" => {
                        if let Some(i) = field.take() {
                            let target = if in_header {
                                Some(&mut report.columns)
                            } else {
                                row.as_mut()
                            };
                            if let Some(list) = target {
                                if list.len() <= i {
                                    list.resize(i + 1, String::new());
                                }
                                list[i] = std::mem::take(&mut value);
                            }
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(report)
    }

    /// Reads a TEXT report: a header line, then one line per row; each value is
    /// followed by `delimiter` (the live service ends lines with it), and `"`
    /// arrives as `#quot;`. A leading `OK` status line is skipped. A line whose
    /// number of values differs from the header's is an error, not a guess.
    pub fn parse_text(text: &str, delimiter: char) -> Result<Report, ReportError> {
        let mut lines = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .enumerate()
            .filter(|(_, l)| !l.is_empty())
            .peekable();
        if lines.peek().is_some_and(|(_, l)| l.trim() == "OK") {
            lines.next();
        }
        let split = |line: &str| -> Vec<String> {
            let line = line.strip_suffix(delimiter).unwrap_or(line);
            line.split(delimiter)
                .map(|v| v.replace("#quot;", "\""))
                .collect()
        };
        let mut report = Report::default();
        if let Some((_, header)) = lines.next() {
            report.columns = split(header);
        }
        for (n, line) in lines {
            let values = split(line);
            if values.len() != report.columns.len() {
                return Err(ReportError::Misaligned {
                    line: n + 1,
                    found: values.len(),
                    expected: report.columns.len(),
                });
            }
            report.rows.push(values);
        }
        Ok(report)
    }

    /// The index of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The value of column `name` in row `row`.
    pub fn value(&self, row: usize, name: &str) -> Option<&str> {
        let c = self.column(name)?;
        self.rows.get(row)?.get(c).map(String::as_str)
    }

    /// Each row as `(column, value)` pairs, in column order.
    pub fn records(&self) -> impl Iterator<Item = Vec<(&str, &str)>> {
        self.rows.iter().map(|r| {
            self.columns
                .iter()
                .map(String::as_str)
                .zip(r.iter().map(String::as_str))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_reports_place_values_by_field_id_and_keep_unknown_elements() {
        let xml = "OK\n<report><header><field id=\"1\">B</field><field id=\"0\">A</field></header>\
                   <data><row><field id=\"1\">b&amp;1</field></row><row><field id=\"0\"><![CDATA[<a>]]></field><extra/></row></data></report>";
        let r = Report::parse_xml(xml).unwrap();
        assert_eq!(r.columns, ["A", "B"]);
        assert_eq!(r.rows, [vec!["", "b&1"], vec!["<a>", ""]]);
        assert_eq!(r.unknown_elements, ["extra"]);
    }

    #[test]
    fn a_far_field_id_cannot_make_memory_grow_faster_than_input() {
        // One short row pointing at column 4000 of a one-column report.
        let xml = "<report><header><field id=\"0\">A</field></header><data><row><field id=\"4000\">x</field></row></data></report>";
        assert!(matches!(
            Report::parse_xml(xml),
            Err(ReportError::FieldId { .. })
        ));
        let xml = "<report><header><field id=\"4000\">A</field></header></report>";
        assert!(matches!(
            Report::parse_xml(xml),
            Err(ReportError::FieldId { .. })
        ));
    }

    #[test]
    fn broken_xml_and_bad_ids_are_errors() {
        assert!(matches!(
            Report::parse_xml("<report><header></report>"),
            Err(ReportError::Xml { .. })
        ));
        assert!(matches!(
            Report::parse_xml("<report><header><field id=\"99999999\">x</field></header></report>"),
            Err(ReportError::FieldId { .. })
        ));
    }

    #[test]
    fn text_rows_with_a_delimiter_inside_a_value_are_refused() {
        let text = "OK\n\nA|B|\n1|2|\n1|2|3|\n";
        assert_eq!(
            Report::parse_text(text, '|'),
            Err(ReportError::Misaligned {
                line: 5,
                found: 3,
                expected: 2
            })
        );
        let ok = Report::parse_text("A;B;\r\nx;y;\r\n", ';').unwrap();
        assert_eq!(ok.records().next().unwrap(), [("A", "x"), ("B", "y")]);
    }
}

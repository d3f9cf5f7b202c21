//! Reporting: the settings the `set*` calls keep in the caller's server session
//! (area, dates, times, time zone, delimiter, output), and `getReport`/
//! `getReport_v2` built from them, at most once per 60 s per session.

use std::time::Duration;

use logmein_rescue::api::*;
use logmein_rescue::runtime::{escape_into, DateTime, Secret};

use super::{outcome, State, Suffix};
use crate::civil;

/// The documented report rate: one per 60 seconds per session.
pub const REPORT_INTERVAL: Duration = Duration::from_secs(60);

/// What the `set*` calls have chosen, per server session.
#[derive(Debug, Clone)]
pub(super) struct ReportSettings {
    area: Reportarea,
    dates: Option<(DateTime, DateTime)>,
    times: (String, String),
    timezone: String,
    delimiter: String,
    output: Output,
    last_report: Option<Duration>,
    pub(super) used: Duration,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            area: Reportarea::Session,
            dates: None,
            times: ("00:00".into(), "23:59".into()),
            timezone: "0".into(),
            delimiter: "|".into(),
            output: Output::Text,
            last_report: None,
            used: Duration::ZERO,
        }
    }
}

/// `6/30/2007` → `2007-06-30T<time>`.
fn us_date(text: &str, time: &str) -> Option<DateTime> {
    let mut parts = text.trim().split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    let (m, d, y): (u32, u32, u32) = (m.parse().ok()?, d.parse().ok()?, y.parse().ok()?);
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) || y > 9999 {
        return None;
    }
    DateTime::new(format!("{y:04}-{m:02}-{d:02}T{time}")).ok()
}

/// `2007-06-30T…` → `6/30/2007`.
fn us_date_text(t: &DateTime) -> String {
    let p = t.parts();
    format!("{}/{}/{:04}", p.month, p.day, p.year)
}

impl State {
    /// Runs `f` on the caller's report settings (kept per cookie, or per user for
    /// auth-code callers).
    fn with_report<R>(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        auth: Option<&Secret>,
        f: impl FnOnce(&mut ReportSettings) -> Result<R, Suffix>,
    ) -> Result<R, Suffix> {
        let i = self.who(now, cookie, auth)?;
        let key = match auth.filter(|a| !a.expose().is_empty()) {
            Some(_) => format!("user {i}"),
            None => format!("cookie {}", cookie.unwrap_or_default()),
        };
        if !self.reports.contains_key(&key) {
            while self.reports.len() >= self.limits.max_sessions.max(1) {
                let oldest = self
                    .reports
                    .iter()
                    .min_by_key(|(_, r)| r.used)
                    .map(|(k, _)| k.clone());
                match oldest {
                    Some(k) => self.reports.remove(&k),
                    None => break,
                };
            }
        }
        let settings = self.reports.entry(key).or_default();
        settings.used = now;
        f(settings)
    }

    /// `setReportArea` and `setReportArea_v2`.
    pub fn set_report_area(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        area: &Reportarea,
        auth: Option<&Secret>,
    ) -> SetReportAreaRet {
        let r = self.with_report(now, cookie, auth, |s| {
            s.area = area.clone();
            Ok(())
        });
        ret(r, SetReportAreaRet::from_suffix)
    }

    /// `setReportDate` (US dates, whole days).
    pub fn set_report_date(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &SetReportDateRequest,
    ) -> SetReportDateRet {
        let begin = us_date(req.begin_date.as_deref().unwrap_or_default(), "00:00:00");
        let end = us_date(req.end_date.as_deref().unwrap_or_default(), "23:59:59");
        self.set_dates(now, cookie, req.auth_code.as_ref(), begin.zip(end))
    }

    /// `setReportDate_v2` (date-times).
    pub fn set_report_date_v2(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &SetReportDateV2Request,
    ) -> SetReportDateRet {
        let range = Some((req.begin_date.clone(), req.end_date.clone()));
        self.set_dates(now, cookie, req.auth_code.as_ref(), range)
    }

    fn set_dates(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        auth: Option<&Secret>,
        range: Option<(DateTime, DateTime)>,
    ) -> SetReportDateRet {
        let r = self.with_report(now, cookie, auth, |s| match range {
            Some((b, e)) if b.partial_cmp(&e) != Some(std::cmp::Ordering::Greater) => {
                s.dates = Some((b, e));
                Ok(())
            }
            _ => Err("InvalidParam_Date"),
        });
        ret(r, SetReportDateRet::from_suffix)
    }

    /// `setReportTime` (`HH:MM` to `HH:MM`).
    pub fn set_report_time(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &SetReportTimeRequest,
    ) -> SetReportTimeRet {
        let valid = |t: &str| {
            t.split_once(':').is_some_and(|(h, m)| {
                h.parse::<u8>().is_ok_and(|h| h < 24)
                    && m.len() == 2
                    && m.parse::<u8>().is_ok_and(|m| m < 60)
            })
        };
        let (b, e) = (
            req.begin_time.clone().unwrap_or_default(),
            req.end_time.clone().unwrap_or_default(),
        );
        let r = self.with_report(now, cookie, req.auth_code.as_ref(), |s| {
            if !valid(&b) || !valid(&e) {
                return Err("InvalidParam_Time");
            }
            s.times = (b, e);
            Ok(())
        });
        ret(r, SetReportTimeRet::from_suffix)
    }

    /// `setTimezone` (minutes from UTC).
    pub fn set_timezone(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &SetTimezoneRequest,
    ) -> SetTimezoneRet {
        let tz = req.timezone.clone().unwrap_or_default();
        let r = self.with_report(now, cookie, req.auth_code.as_ref(), |s| {
            match tz.trim().parse::<i32>() {
                Ok(m) if (-720..=840).contains(&m) => {
                    s.timezone = m.to_string();
                    Ok(())
                }
                _ => Err("InvalidParam_Timezone"),
            }
        });
        ret(r, SetTimezoneRet::from_suffix)
    }

    /// `setDelimiter` (one character).
    pub fn set_delimiter(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &SetDelimiterRequest,
    ) -> SetDelimiterRet {
        let d = req.delimiter.clone().unwrap_or_default();
        let r = self.with_report(now, cookie, req.auth_code.as_ref(), |s| {
            if d.chars().count() != 1 || d == "\n" || d == "\r" {
                return Err("InvalidParam_Delimiter");
            }
            s.delimiter = d;
            Ok(())
        });
        ret(r, SetDelimiterRet::from_suffix)
    }

    /// `setOutput` (`XML` or `TEXT`).
    pub fn set_output(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &SetOutputRequest,
    ) -> SetOutputRet {
        let r = self.with_report(now, cookie, req.auth_code.as_ref(), |s| {
            s.output = req.output.clone();
            Ok(())
        });
        ret(r, SetOutputRet::from_suffix)
    }

    /// The caller's settings for the `getReport*` getters, or the failure suffix.
    pub(super) fn report_settings(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        auth: Option<&Secret>,
    ) -> Result<ReportSettings, Suffix> {
        self.with_report(now, cookie, auth, |s| Ok(s.clone()))
    }

    /// `getReportArea`.
    pub fn get_report_area(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetReportAreaRequest,
    ) -> GetReportAreaResponse {
        let r = self.report_settings(now, cookie, req.auth_code.as_ref());
        let (result, s) = outcome(r, GetReportAreaRet::from_suffix);
        GetReportAreaResponse {
            result,
            report_area: s.map(|s| s.area).unwrap_or_default(),
        }
    }

    /// `getReportDate` (US dates).
    pub fn get_report_date(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetReportDateRequest,
    ) -> GetReportDateResponse {
        let r = self.report_settings(now, cookie, req.auth_code.as_ref());
        let (result, s) = outcome(r, GetReportDateRet::from_suffix);
        let date = |pick: fn(&(DateTime, DateTime)) -> &DateTime| {
            s.as_ref().map(|s| {
                s.dates
                    .as_ref()
                    .map(|d| us_date_text(pick(d)))
                    .unwrap_or_default()
            })
        };
        GetReportDateResponse {
            result,
            begin_date: date(|d| &d.0),
            end_date: date(|d| &d.1),
        }
    }

    /// `getReportTime`.
    pub fn get_report_time(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetReportTimeRequest,
    ) -> GetReportTimeResponse {
        let r = self.report_settings(now, cookie, req.auth_code.as_ref());
        let (result, s) = outcome(r, GetReportTimeRet::from_suffix);
        let (begin_time, end_time) = s.map(|s| s.times).unzip();
        GetReportTimeResponse {
            result,
            begin_time,
            end_time,
        }
    }

    /// `getTimezone`.
    pub fn get_timezone(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetTimezoneRequest,
    ) -> GetTimezoneResponse {
        let r = self.report_settings(now, cookie, req.auth_code.as_ref());
        let (result, s) = outcome(r, GetTimezoneRet::from_suffix);
        GetTimezoneResponse {
            result,
            timezone: s.map(|s| s.timezone),
        }
    }

    /// `getDelimiter`.
    pub fn get_delimiter(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetDelimiterRequest,
    ) -> GetDelimiterResponse {
        let r = self.report_settings(now, cookie, req.auth_code.as_ref());
        let (result, s) = outcome(r, GetDelimiterRet::from_suffix);
        GetDelimiterResponse {
            result,
            delimiter: s.map(|s| s.delimiter),
        }
    }

    /// `getOutput`.
    pub fn get_output(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetOutputRequest,
    ) -> GetOutputResponse {
        let r = self.report_settings(now, cookie, req.auth_code.as_ref());
        let (result, s) = outcome(r, GetOutputRet::from_suffix);
        GetOutputResponse {
            result,
            output: s.map(|s| s.output).unwrap_or_default(),
        }
    }

    /// `getReport` and `getReport_v2`: the report of the chosen area for a node.
    pub fn get_report(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        node: i32,
        node_ref: &NodeRef,
        auth: Option<&Secret>,
    ) -> GetReportResponse {
        let r = self.build_report(now, cookie, node, node_ref, auth);
        let (result, report) = outcome(r, GetReportRet::from_suffix);
        GetReportResponse { result, report }
    }

    fn build_report(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        node: i32,
        node_ref: &NodeRef,
        auth: Option<&Secret>,
    ) -> Result<String, Suffix> {
        let sessions = self.sessions_covered(now, cookie, auth, node, node_ref)?;
        let settings = self.with_report(now, cookie, auth, |s| {
            if s.last_report
                .is_some_and(|t| now.saturating_sub(t) < REPORT_INTERVAL)
            {
                return Err("PollRateExceeded");
            }
            s.last_report = Some(now);
            Ok(s.clone())
        })?;
        let in_range = |t: Duration| {
            settings.dates.as_ref().is_none_or(|(b, e)| {
                let at = civil::date_time(t);
                b.partial_cmp(&at) != Some(std::cmp::Ordering::Greater)
                    && at.partial_cmp(e) != Some(std::cmp::Ordering::Greater)
            })
        };
        let (header, rows): (Vec<&str>, Vec<Vec<String>>) = match settings.area {
            Reportarea::ChatLog => (
                vec!["Session ID", "Message"],
                sessions
                    .iter()
                    .filter(|s| in_range(s.started))
                    .flat_map(|s| s.chat.iter().map(|l| vec![s.id.to_string(), l.clone()]))
                    .collect(),
            ),
            _ => (
                vec![
                    "Session ID",
                    "Technician Name",
                    "Technician ID",
                    "Start Time",
                    "Status",
                    "Waiting Time",
                    "Custom Field 0",
                    "Custom Field 1",
                ],
                sessions
                    .iter()
                    .filter(|s| in_range(s.started))
                    .map(|s| {
                        let waited = s.picked_up.unwrap_or(now).saturating_sub(s.started);
                        vec![
                            s.id.to_string(),
                            self.technician_name(s.technician),
                            s.technician.to_string(),
                            civil::us_time(s.started),
                            s.status.to_string(),
                            waited.as_secs().to_string(),
                            s.custom_fields[0].clone(),
                            s.custom_fields[1].clone(),
                        ]
                    })
                    .collect(),
            ),
        };
        Ok(match settings.output {
            Output::Xml => xml_report(&header, &rows),
            _ => text_report(&header, &rows, &settings.delimiter),
        })
    }
}

/// `Ok` → `PREFIX_OK`, a failure suffix → `PREFIX_SUFFIX`.
fn ret<R>(r: Result<(), Suffix>, from_suffix: fn(&str) -> R) -> R {
    outcome(r, from_suffix).0
}

/// The XML report (`<report><header>…</header><data><row>…</row></data></report>`).
fn xml_report(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<report><header>");
    let field = |out: &mut String, i: usize, text: &str| {
        out.push_str(&format!("<field id=\"{i}\">"));
        // A character XML cannot carry is dropped rather than failing the report.
        if escape_into(out, text).is_err() {
            let clean: String = text
                .chars()
                .filter(|c| logmein_rescue::runtime::is_xml_char(*c))
                .collect();
            let _ = escape_into(out, &clean);
        }
        out.push_str("</field>");
    };
    for (i, h) in header.iter().enumerate() {
        field(&mut out, i, h);
    }
    out.push_str("</header><data>");
    for row in rows {
        out.push_str("<row>");
        for (i, v) in row.iter().enumerate() {
            field(&mut out, i, v);
        }
        out.push_str("</row>");
    }
    out.push_str("</data></report>");
    out
}

/// The TEXT report as the live service writes it: a header line, then one line
/// per row, each field followed by the delimiter, `"` written as `#quot;`, and a
/// delimiter inside a value left as it is (the documented flaw of TEXT output).
fn text_report(header: &[&str], rows: &[Vec<String>], delimiter: &str) -> String {
    let mut out = String::new();
    let mut line = |fields: &mut dyn Iterator<Item = &str>| {
        for f in fields {
            out.push_str(&f.replace('"', "#quot;").replace(['\r', '\n'], " "));
            out.push_str(delimiter);
        }
        out.push('\n');
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

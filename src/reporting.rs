//! The reporting chain in one call: `setReportArea_v2` → `setReportDate_v2` →
//! `setTimezone` → `setOutput XML` → `getReport_v2`, read into a [`Report`].
//!
//! The service keeps the `set*` choices in the server session (the
//! `ASP.NET_SessionId` cookie, or the user behind an auth code), so the steps of
//! one chain must not interleave with another's on the same session. A
//! [`Client`] and its clones share one session: [`Client::report`] runs their
//! chains one at a time. `getReport*` is paced to one call per 60 s (documented).

use crate::report::Report;
use crate::runtime::{DateTime, Operation, Response};
use crate::{api, Client, Error, SoapVersion};

/// What [`Client::report`] asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportQuery {
    /// The report area (sessions, chat logs, …).
    pub area: api::Reportarea,
    /// The node (technician, group, channel) whose report it is.
    pub node_id: i32,
    /// What kind of node `node_id` is.
    pub node_ref: api::NodeRef,
    /// First instant of the range.
    pub begin: DateTime,
    /// Last instant of the range (not before `begin`).
    pub end: DateTime,
    /// Offset from UTC in minutes for the report's times (0: UTC, as reporting
    /// jobs usually want).
    pub timezone_minutes: i16,
}

impl ReportQuery {
    /// A UTC report of `area` for the node `node_id` over `begin..=end`.
    pub fn new(area: api::Reportarea, node_id: i32, begin: DateTime, end: DateTime) -> Self {
        ReportQuery {
            area,
            node_id,
            node_ref: api::NodeRef::Node,
            begin,
            end,
            timezone_minutes: 0,
        }
    }
}

impl ReportQuery {
    /// Checks the query as the chain would before sending (an end before the
    /// begin, a node id of 0), without sending anything.
    pub fn check(&self) -> Result<(), Error> {
        let (dates, report) = self.requests();
        crate::envelope::encode(&dates, SoapVersion::Soap11)?;
        crate::envelope::encode(&report, SoapVersion::Soap11)?;
        Ok(())
    }

    fn requests(&self) -> (api::SetReportDateV2Request, api::GetReportV2Request) {
        (
            api::SetReportDateV2Request {
                begin_date: self.begin.clone(),
                end_date: self.end.clone(),
                auth_code: None,
            },
            api::GetReportV2Request {
                node_id: self.node_id,
                node_ref: self.node_ref.clone(),
                auth_code: None,
            },
        )
    }
}

impl Client {
    /// Runs the reporting chain and reads the XML report. Each step's non-OK
    /// result is [`Error::Rejected`]; bad input (an end before the begin, a node
    /// id of 0) is [`Error::InvalidRequest`] before anything is sent.
    pub async fn report(&self, query: &ReportQuery) -> Result<Report, Error> {
        let _one_chain = self.report_lock().lock().await;
        fn ok<T: crate::runtime::HasResult>(r: Response<T>) -> Result<(), Error> {
            r.ok().map(|_| ())
        }
        // Checked up front, so that no setting changes when a later step is invalid.
        query.check()?;
        let (dates, report) = query.requests();
        ok(self
            .set_report_area_v2(api::SetReportAreaV2Request {
                report_area: query.area.clone(),
                auth_code: None,
            })
            .await?)?;
        ok(self.set_report_date_v2(dates).await?)?;
        ok(self
            .set_timezone(api::SetTimezoneRequest {
                timezone: Some(query.timezone_minutes.to_string()),
                auth_code: None,
            })
            .await?)?;
        ok(self
            .set_output(api::SetOutputRequest {
                output: api::Output::Xml,
                auth_code: None,
            })
            .await?)?;
        let answer = self.get_report_v2(report).await?.ok()?.into_inner();
        let text = answer.report.unwrap_or_default();
        Report::parse_xml(&text).map_err(|e| Error::UnexpectedResponse {
            operation: <api::GetReportV2Request as Operation>::META.name,
            status: 200,
            content_type: String::new(),
            reason: format!("the report is not readable: {e}"),
            excerpt: text.chars().take(200).collect(),
            decode: None,
        })
    }
}

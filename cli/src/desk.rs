//! The subcommands of the operations integrations use most: the help desk
//! (sessions, invitation links, chat, notes, session actions), the account and
//! its hierarchy, and reports — each with output for people (tables, a tree,
//! CSV) and `--json`.

use clap::Subcommand;
use logmein_rescue::report::Report;
use logmein_rescue::runtime::{DateTime, HasResult, Operation, WireEnum};
use logmein_rescue::{api, Client, Error, ReportQuery};

use crate::{answered, call, check_only, printable, report_unknown, Fields, Mode, Outcome};

/// What kind of node `--node` is.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum NodeKind {
    /// A technician, group or the account's root.
    Node,
    /// A channel.
    Channel,
}

impl NodeKind {
    fn wire(self) -> api::NodeRef {
        match self {
            NodeKind::Node => api::NodeRef::Node,
            NodeKind::Channel => api::NodeRef::Channel,
        }
    }
}

/// Report areas, by their wire names in lower case (`session`, `chat_log`, …).
fn parse_area(s: &str) -> Result<api::Reportarea, String> {
    let area = api::Reportarea::from_wire(&s.to_ascii_uppercase());
    if area.is_known() {
        Ok(area)
    } else {
        let names: Vec<String> = api::Reportarea::VALUES
            .iter()
            .map(|v| v.to_ascii_lowercase())
            .collect();
        Err(format!("expected one of {}", names.join(", ")))
    }
}

/// `2026-01-05T09:00:00` (or a date alone, taken as its midnight).
fn parse_date_time(s: &str) -> Result<DateTime, String> {
    let full = if s.len() == 10 {
        format!("{s}T00:00:00")
    } else {
        s.to_owned()
    };
    full.parse::<DateTime>()
}

/// The help-desk, account and report subcommands.
#[derive(Subcommand, Clone)]
pub enum DeskCommand {
    /// The sessions waiting or active on a technician, group or channel
    /// (getSession_V3), as a table.
    Sessions {
        /// Node id of the technician, group or channel.
        #[arg(long)]
        node: i32,
        /// What kind of node it is.
        #[arg(long, value_enum, default_value = "node")]
        kind: NodeKind,
    },
    /// A PIN code as an invitation link for a technician (requestInvitationLink).
    InvitationLink {
        #[command(flatten)]
        fields: Fields,
        /// The technician's node id.
        #[arg(long)]
        node: i32,
    },
    /// The logged-in user and account (getAccount_v2).
    Account,
    /// The account's groups, channels and users as a tree (getHierarchy).
    Hierarchy,
    /// A report (setReportArea_v2 → setReportDate_v2 → setTimezone → setOutput
    /// XML → getReport_v2) as CSV, or JSON rows with --json.
    Report {
        /// Report area: session, chat_log, login, missed_sessions, ….
        #[arg(long, value_parser = parse_area, default_value = "session")]
        area: api::Reportarea,
        /// Node id of the technician, group or channel.
        #[arg(long)]
        node: i32,
        /// What kind of node it is.
        #[arg(long, value_enum, default_value = "node")]
        kind: NodeKind,
        /// Start: 2026-01-05 or 2026-01-05T09:00:00.
        #[arg(long, value_parser = parse_date_time)]
        from: DateTime,
        /// End (not before --from), same forms.
        #[arg(long, value_parser = parse_date_time)]
        to: DateTime,
        /// Minutes from UTC for the report's times.
        #[arg(long, default_value_t = 0, allow_negative_numbers = true,
              value_parser = clap::value_parser!(i16).range(-720..=840))]
        timezone: i16,
    },
    /// The chat log of a session (getChat).
    Chat {
        /// The session id.
        #[arg(long)]
        session: i32,
    },
    /// The technician's note on a session (getNote).
    Note {
        /// The session id.
        #[arg(long)]
        session: i32,
    },
    /// Ends a session (closeSession, administrators).
    CloseSession {
        /// The session id.
        #[arg(long)]
        session: i32,
    },
    /// Undoes an administrator's last action on a session (cancelAction).
    CancelAction {
        /// The session id.
        #[arg(long)]
        session: i32,
    },
}

/// Runs one of the subcommands.
pub async fn run(client: &Client, command: DeskCommand, json: bool, mode: Mode) -> Outcome {
    match command {
        DeskCommand::Sessions { node, kind } => {
            let request = api::GetSessionV3Request {
                node_id: node,
                node_ref: kind.wire(),
                auth_code: None,
            };
            checked(client, mode, request, json, |r| {
                sessions_table(r.sessions())
            })
            .await
        }
        DeskCommand::InvitationLink { fields, node } => {
            let request = api::RequestInvitationLinkRequest {
                c_field0: fields.cfield0,
                c_field1: fields.cfield1,
                c_field2: fields.cfield2,
                c_field3: fields.cfield3,
                c_field4: fields.cfield4,
                c_field5: fields.cfield5,
                tracking0: fields.tracking0,
                auth_code: None,
                node_id: node,
            };
            checked(client, mode, request, json, |r| {
                println!("{}", printable(r.invitation_link.as_deref().unwrap_or("")))
            })
            .await
        }
        DeskCommand::Account => {
            let request = api::GetAccountV2Request { auth_code: None };
            call(client, mode, request, json).await
        }
        DeskCommand::Hierarchy => {
            let request = api::GetHierarchyRequest { auth_code: None };
            checked(client, mode, request, json, |r| {
                print_tree(&r.nodes().collect::<Vec<_>>())
            })
            .await
        }
        DeskCommand::Report {
            area,
            node,
            kind,
            from,
            to,
            timezone,
        } => {
            let query = ReportQuery {
                area,
                node_id: node,
                node_ref: kind.wire(),
                begin: from,
                end: to,
                timezone_minutes: timezone,
            };
            if mode == Mode::Check {
                return query.check().map_or_else(Outcome::from, |()| Outcome::Ok);
            }
            match client.report(&query).await {
                Ok(r) => print_report(&r, json),
                Err(Error::Rejected {
                    operation,
                    value,
                    meaning,
                }) => {
                    eprintln!(
                        "rescue: {operation} answered {}: {}",
                        printable(&value),
                        meaning.unwrap_or("no documented meaning")
                    );
                    Outcome::NotOk
                }
                Err(e) => e.into(),
            }
        }
        DeskCommand::Chat { session } => {
            let request = api::GetChatRequest {
                session_id: session,
                auth_code: None,
            };
            checked(client, mode, request, json, |r| {
                println!("{}", printable(r.chat_log.as_deref().unwrap_or("")))
            })
            .await
        }
        DeskCommand::Note { session } => {
            let request = api::GetNoteRequest {
                session_id: session,
                auth_code: None,
            };
            checked(client, mode, request, json, |r| {
                println!("{}", printable(r.note.as_deref().unwrap_or("")))
            })
            .await
        }
        DeskCommand::CloseSession { session } => {
            let request = api::CloseSessionRequest {
                session,
                auth_code: None,
            };
            call(client, mode, request, json).await
        }
        DeskCommand::CancelAction { session } => {
            let request = api::CancelActionRequest {
                session,
                auth_code: None,
            };
            call(client, mode, request, json).await
        }
    }
}

/// Sends `request` (or only checks it): an OK response shown by `human` (or as
/// JSON), a non-OK one as every command shows it, with its reason on stderr.
async fn checked<O>(
    client: &Client,
    mode: Mode,
    request: O,
    json: bool,
    human: impl FnOnce(&O::Response),
) -> Outcome
where
    O: Operation,
    O::Response: serde::Serialize + std::fmt::Debug + HasResult,
{
    if mode == Mode::Check {
        return check_only(client, &request);
    }
    match client.call(request).await {
        Ok(response) if response.result().is_ok() && !json => {
            report_unknown(response.unknown_elements());
            human(&response);
            Outcome::Ok
        }
        other => answered::<O>(other, json),
    }
}

fn table(header: &[&str]) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::NOTHING)
        .set_header(header.iter().map(|h| h.to_string()));
    t
}

fn sessions_table<'a>(sessions: impl Iterator<Item = &'a api::SessionV3>) {
    let mut t = table(&[
        "ID",
        "STATUS",
        "WAITING",
        "TECHNICIAN",
        "STARTED",
        "CUSTOM FIELD 0",
    ]);
    let mut n = 0;
    for s in sessions {
        n += 1;
        let text = |v: &Option<String>| printable(v.as_deref().unwrap_or(""));
        t.add_row(vec![
            s.id.to_string(),
            text(&s.s_status),
            format!("{} s", s.waiting_time_in_sec),
            text(&s.s_technician),
            text(&s.start_time),
            text(&s.custom_field0),
        ]);
    }
    if n == 0 {
        println!("no sessions");
    } else {
        println!("{t}");
    }
}

/// The hierarchy as an indented tree, children under their parent (nodes whose
/// parent is not listed start at the top); iterative, so any depth prints.
fn print_tree(nodes: &[&api::Hierarchy]) {
    let id = |n: &api::Hierarchy| n.node_id.unwrap_or(0);
    let known: std::collections::HashSet<i32> = nodes.iter().map(|n| id(n)).collect();
    let roots = nodes.iter().filter(|n| {
        !n.parent_id
            .is_some_and(|p| known.contains(&p) && p != id(n))
    });
    let mut stack: Vec<(&api::Hierarchy, usize)> = roots.rev().map(|n| (*n, 0)).collect();
    let mut seen = std::collections::HashSet::new();
    while let Some((node, depth)) = stack.pop() {
        if !seen.insert(id(node)) {
            continue;
        }
        let email = node.email.as_deref().filter(|e| !e.is_empty());
        println!(
            "{}{} [{}] {}{}",
            "  ".repeat(depth),
            printable(node.name.as_deref().unwrap_or("")),
            printable(node.type_.as_str()),
            id(node),
            email.map_or(String::new(), |e| format!(" <{}>", printable(e)))
        );
        let children = nodes
            .iter()
            .filter(|c| c.parent_id == Some(id(node)) && id(c) != id(node));
        stack.extend(children.rev().map(|c| (*c, depth + 1)));
    }
}

/// A report as CSV (RFC 4180 quoting), or as JSON objects keyed by column.
fn print_report(r: &Report, json: bool) -> Outcome {
    if json {
        let rows: Vec<serde_json::Map<String, serde_json::Value>> = r
            .records()
            .map(|rec| {
                rec.into_iter()
                    .map(|(k, v)| (k.to_owned(), serde_json::Value::from(v)))
                    .collect()
            })
            .collect();
        println!("{}", serde_json::Value::from(rows));
        return Outcome::Ok;
    }
    let csv = |fields: &mut dyn Iterator<Item = &str>| {
        let cells: Vec<String> = fields
            .map(|f| {
                let f = printable(f);
                if f.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f
                }
            })
            .collect();
        println!("{}", cells.join(","));
    };
    csv(&mut r.columns.iter().map(String::as_str));
    for row in &r.rows {
        csv(&mut row.iter().map(String::as_str));
    }
    Outcome::Ok
}

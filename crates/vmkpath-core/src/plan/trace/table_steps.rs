//! The routing-table steps: every row of the stack's table, which rows match the address, the
//! longest-prefix match in words, and (when several vmknics share the chosen subnet) why the
//! first one owns it. The chosen row is the one `View::lookup` answered with.

use super::{Step, StepKind, TableTrace};
use crate::model::Stack;
use crate::plan::routing::{RouteHit, RouteRow, RowKind};
use crate::plan::view::View;
use crate::sources::Basis;
use std::net::IpAddr;

/// The table step (and a multihoming step when the chosen subnet is shared), for a lookup of
/// `dest` on `stack` that answered `hit`.
pub fn table_steps(view: View, stack: &Stack, dest: IpAddr, hit: &RouteHit) -> Vec<Step> {
    let rows = view.table(stack);
    let chosen = rows.iter().position(|r| r.is(hit));
    let words = match_words(view, &rows, dest, chosen);
    let mut step = Step::new(
        StepKind::Table,
        format!(
            "{}'s {stack} stack has one routing table with {} rows; looking up {dest}: {words}",
            view.name(),
            rows.len()
        ),
        &["KB-MH", "DOC-STACK"],
        // Longest prefix is documented; connected beating static on a tie is ours (8.9).
        if tie_with_static(&rows, dest, chosen) {
            Basis::Model("8.9")
        } else {
            Basis::Documented
        },
    );
    step.table = Some(TableTrace {
        side: view.side,
        stack: stack.clone(),
        destination: dest,
        rows: rows.clone(),
        chosen,
        words,
    });
    let mut steps = vec![step];
    if let Some(row) = chosen.and_then(|i| rows.get(i)) {
        if row.kind == RowKind::Connected && !row.shadowed.is_empty() {
            steps.push(multihoming_step(view, row));
        }
    }
    steps
}

fn row_name(row: &RouteRow) -> String {
    format!(
        "{} ({} bits, {})",
        row.network,
        row.network.prefix(),
        row.kind.as_str()
    )
}

/// "10.0.0.22 matches 10.0.0.0/24 (24 bits, connected) and 0.0.0.0/0 (0 bits, default); the
/// longest, /24, wins. That row leaves on vmk0."
fn match_words(view: View, rows: &[RouteRow], dest: IpAddr, chosen: Option<usize>) -> String {
    let matching = crate::lists::filter_map(rows, |r| r.contains(dest).then_some(r));
    let Some(row) = chosen.and_then(|i| rows.get(i)) else {
        return format!("{dest} matches no row, so it is unreachable.");
    };
    let mut text = match matching.as_slice() {
        [] | [_] => format!("{dest} matches only {}, so that row wins.", row_name(row)),
        many => {
            let names: Vec<String> = crate::lists::map(many, |r| row_name(r));
            format!(
                "{dest} matches {}; the longest, /{}, wins.",
                crate::plan::config_checks::join_and(&names),
                row.network.prefix()
            )
        }
    };
    if tie_with_static(rows, dest, chosen) {
        text.push_str(" On an equal prefix the connected route beats the static one (our model).");
    }
    let egress = row
        .egress
        .map(|id| view.vmk(id).name.as_str())
        .unwrap_or("?");
    match (row.kind, row.gateway) {
        (RowKind::Connected, _) => text.push_str(&format!(
            " The connected route belongs to {egress}, so the traffic leaves on {egress}."
        )),
        (_, Some(gateway)) => text.push_str(&format!(
            " Its next hop {gateway} lies in {egress}'s subnet, so the traffic leaves on {egress}."
        )),
        (_, None) => {}
    }
    text
}

/// Did a static row with the chosen connected row's prefix also match (connected wins, 8.9)?
fn tie_with_static(rows: &[RouteRow], dest: IpAddr, chosen: Option<usize>) -> bool {
    let Some(row) = chosen.and_then(|i| rows.get(i)) else {
        return false;
    };
    row.kind == RowKind::Connected
        && rows.iter().any(|r| {
            r.kind == RowKind::Static
                && r.contains(dest)
                && r.network.prefix() == row.network.prefix()
        })
}

/// Several vmknics in the chosen subnet: only the first-created owns its route. [KB-MH][ELATOV]
fn multihoming_step(view: View, row: &RouteRow) -> Step {
    let owner = row
        .egress
        .map(|id| view.vmk(id).name.clone())
        .unwrap_or_default();
    let others = crate::lists::map(&row.shadowed, |id| view.vmk(*id).name.clone());
    Step::new(
        StepKind::Multihoming,
        format!(
            "{owner} and {} share {} on {}: only one vmknic owns a subnet's connected route, in practice the first initialized, {owner} (observed; the vmk number is no proof of age). Unbound traffic to that subnet, NFS and unbound iSCSI included, never leaves on {}.",
            crate::plan::config_checks::join_and(&others),
            row.network,
            view.name(),
            crate::plan::config_checks::join_and(&others),
        ),
        &["KB-MH", "ELATOV"],
        // That only one owns the route is documented [KB-MH]; "first wins" is observed [ELATOV].
        Basis::Observed,
    )
}

/// The way back (8.15) as its own step: how `view` (the receiving host) reaches `dest` (the
/// address the sender used), with its table and the row that decides, like the outbound lookup.
/// `chosen` picks that row; `None` when what decides is not in the table (a gateway override).
pub fn return_step(
    view: View,
    stack: &Stack,
    dest: IpAddr,
    chosen: impl Fn(&RouteRow) -> bool,
    text: String,
    basis: Basis,
) -> Step {
    let rows = view.table(stack);
    let chosen = rows.iter().position(chosen);
    let words = match chosen.and_then(|i| rows.get(i)) {
        Some(row) => format!("the row {} decides the way back to {dest}.", row_name(row)),
        None => format!("no row of the table decides the way back to {dest}."),
    };
    let mut step = Step::new(
        StepKind::Return,
        text,
        &["KB-VMOREQ", "ADV-LAMW", "KB-MH"],
        basis,
    );
    step.table = Some(TableTrace {
        side: view.side,
        stack: stack.clone(),
        destination: dest,
        rows,
        chosen,
        words,
    });
    step
}

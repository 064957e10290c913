//! Garbage, truncated and mixed-up input: an `InputError` at `line N` saying what was expected.

use super::fixture;
use crate::hostcheck::read_host;

fn error(text: &str) -> (String, String) {
    match read_host(text) {
        Ok(report) => panic!("read garbage as {report:?}\n---\n{text}"),
        Err(e) => (e.path, e.message),
    }
}

fn assert_error(text: &str, line: usize, needle: &str) {
    let (path, message) = error(text);
    assert_eq!(path, format!("line {line}"), "{message}");
    assert!(message.contains(needle), "{message:?} lacks {needle:?}");
}

#[test]
fn nothing_or_prose() {
    assert_error("", 1, "found no ESXi command output");
    assert_error("\n\n  \r\n", 1, "found no ESXi command output");
    assert_error("hello world", 1, "expected the output of esxcfg-vmknic -l");
    assert_error("[root@esxi:~] ", 1, "found no ESXi command output");
    assert_error("\u{0}\u{1}\u{7f}\u{fffd}", 1, "expected");
}

#[test]
fn a_scenario_file_is_not_command_output() {
    assert_error(
        "version = \"7.0\"\n[migration]\nkind = \"cold\"\n",
        1,
        "expected the output",
    );
    assert_error("{\"version\": \"7.0\"}", 1, "expected the output");
}

#[test]
fn truncated_outputs() {
    let vmknic = fixture!("samples/esxcfg-vmknic-l.esxi70.txt");
    // A row cut in the middle.
    let cut = &vmknic[..vmknic.find("88:e9").unwrap_or(0)];
    assert_error(cut, 3, "a number in the MTU column");
    // A header without rows, a command without output, a title without its table.
    assert_error(
        &vmknic[..vmknic.find("vmk0").unwrap_or(0)],
        2,
        "no rows below it",
    );
    assert_error("[root@esxi:~] esxcfg-vmknic -l\n", 1, "printed nothing");
    assert_error(
        "[root@esxi:~] esxcfg-route -l\nVMkernel Routes:\n",
        2,
        "no route table below it",
    );
    // ipv4 get cut after its separator.
    let ipv4 = fixture!("samples/interface-ipv4-get.gateway-column.txt");
    assert_error(&ipv4[..ipv4.find("vmk0").unwrap_or(0)], 2, "no rows");
    // A row cut inside a value.
    assert_error(
        &ipv4[..ipv4.find("255.255.255.248").unwrap_or(0) + 7],
        4,
        "IPv4 Netmask column, found \"255.255\"",
    );
    // A row cut before its last columns, without a separator line to place the values.
    assert_error(
        "Name IPv4 Address IPv4 Netmask IPv4 Broadcast Address Type DHCP DNS\nvmk0 10.0.0.1 255.255.255.0\n",
        2,
        "expected a esxcli network ip interface ipv4 get row of 6 values",
    );
}

#[test]
fn mixed_up_outputs() {
    let two_addresses = "esxcli network ip interface ipv4 get\nName IPv4 Address IPv4 Netmask IPv4 Broadcast Address Type DHCP DNS\nvmk1 10.0.0.1 255.255.255.0 10.0.0.255 STATIC false\nvmk1 10.0.0.2 255.255.255.0 10.0.0.255 STATIC false\n";
    assert_error(
        two_addresses,
        4,
        "vmk1's IPv4 address is 10.0.0.2/24 here but 10.0.0.1/24 at line 3",
    );
    // ipv4 get rows under the esxcfg-vmknic header.
    let rows_under_wrong_header = format!(
        "{}vmk1  10.88.154.2     255.255.255.248  10.88.154.7     STATIC        0.0.0.0            false\n",
        fixture!("samples/esxcfg-vmknic-l.esxi70.txt")
    );
    assert_error(&rows_under_wrong_header, 5, "IPv4 or IPv6");
    // Two default gateways.
    let text = format!(
        "{}VMkernel default gateway is 10.9.9.9\n",
        fixture!("samples/esxcfg-route.esxi70.txt")
    );
    assert_error(
        &text,
        9,
        "default gateway of the default stack is 10.9.9.9 here but 172.26.64.1 at line 2",
    );
    // Two tag lists for one vmknic.
    let tags = "esxcli network ip interface tag get -i vmk1\n   Tags: VMotion\nvmk1: Management\n";
    assert_error(
        tags,
        3,
        "vmk1's list of services is management here but vmotion at line 2",
    );
}

#[test]
fn lines_that_belong_nowhere() {
    assert_error(
        "   Tags: Management, VMotion\n",
        1,
        "esxcli network ip interface tag get -i vmkN",
    );
    assert_error(
        "esxcli network ip interface tag get\n   Tags: VMotion\n",
        2,
        "paste the command line too",
    );
    assert_error("----  -----\n", 1, "separator line");
    assert_error(
        "[root@esxi:~] esxcli network ip interface list\n   Portgroup: VSAN\n",
        2,
        "name line",
    );
    assert_error(
        "[root@esxi:~] esxcli network ip netstack list\ndefaultTcpipStack\n   Key: default TcpipStack\n",
        2,
        "netstack name",
    );
    assert_error("vmk0\n   Colour: blue\n", 1, "none that vmkpath reads");
    let route = "esxcfg-route -l\nVMkernel Routes:\nNetwork Netmask Gateway Interface\n10.0.0.0 255.255.255.0 Local Subnet eth0\n";
    assert_error(route, 4, "Interface column of the route list");
    let header_without_columns = "Interface  Port Group  MAC Address\nvmk0 PG 00:50:56:aa:bb:cc\n";
    assert_error(header_without_columns, 1, "no \"IP Family\" column");
}

/// Found by the fuzzer: a stack name that would read back as a `Key:` line.
#[test]
fn stack_names_are_names() {
    let head = "Interface Port Group IP Family IP Address Netmask NetStack\n";
    assert_error(
        &format!("{head}vmk0 PG IPv4 10.0.0.1 255.0.0.0 defaultTcpipSection:\n"),
        2,
        "NetStack column",
    );
    let record =
        "esxcli network ip interface list\nvmk0\n   Name: vmk0\n   Netstack Instance: a b\n";
    assert_error(record, 2, "Netstack Instance of vmk0");
}

#[test]
fn bad_values() {
    let head = "Name IPv4 Address IPv4 Netmask IPv4 Broadcast Address Type Gateway DHCP DNS\n";
    assert_error(
        &format!("{head}vmk0 10.0.0.300 255.255.255.0 10.0.0.255 STATIC 0.0.0.0 false\n"),
        2,
        "IPv4 Address column",
    );
    assert_error(
        &format!("{head}vmk0 10.0.0.3 255.0.255.0 10.0.0.255 STATIC 0.0.0.0 false\n"),
        2,
        "IPv4 Netmask column",
    );
    assert_error(
        &format!("{head}vmk0 10.0.0.3 255.255.255.0 10.0.0.255 STATIC gw false\n"),
        2,
        "Gateway column",
    );
    assert_error(
        &format!("{head}vmkX 10.0.0.3 255.255.255.0 10.0.0.255 STATIC 0.0.0.0 false\n"),
        2,
        "vmknic name",
    );
}

/// Found by the fuzzer: a netstack named like a command is still a list entry's name.
#[test]
fn a_list_entry_named_like_a_command() {
    let text =
        "esxcli network ip netstack list\nesxcfg-route\n   Key: esxcfg-route\n   State: 4660\n";
    let report = read_host(text).unwrap();
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("esxcfg-route stack")),
        "{:?}",
        report.notes
    );
}

/// Read once, written, read again: routes keep their network address, an IPv6-only vmknic no
/// IPv4 gateway, and a netstack is a name (not `-1`, ESXi's "none").
#[test]
fn corners_that_would_not_read_back() {
    let route = "esxcfg-route -l\nVMkernel Routes:\nNetwork Netmask Gateway Interface\n10.9.0.5 255.255.0.0 10.0.0.254 vmk0\n";
    let r = read_host(route).unwrap();
    assert_eq!(r.host.routes[0].network, "10.9.0.0/16");
    let v6 = "esxcfg-vmknic -l\nInterface Port Group IP Family IP Address Netmask\nvmk1 PG IPv6 2001:db8::5 64\n\nName IPv4 Address IPv4 Netmask IPv4 Broadcast Address Type Gateway DHCP DNS\nvmk1 0.0.0.0 0.0.0.0 0.0.0.0 NONE 10.0.0.1 false\n";
    let r = read_host(v6).unwrap();
    assert_eq!(r.host.vmknics[0].ip, "2001:db8::5/64");
    assert_eq!(r.host.vmknics[0].gateway, None);
    assert_error(
        "Interface Port Group IP Family IP Address Netmask NetStack\nvmk0 PG IPv4 10.0.0.1 255.0.0.0 -1\n",
        2,
        "NetStack column",
    );
}

//! Layouts met in published outputs (issue 13): tabs inside fields, cut prompts, narrow
//! columns, underscore headers, a `Tags:` line without its command, `interface list` alone,
//! PowerCLI tables and lists, govc. Each fixture's first lines say where it comes from.

use super::{assert_vmknics, fixture, read};
use crate::hostcheck::{read_host, UNNAMED_HOST};

#[test]
fn tabs_inside_the_broadcast_column_are_joined_again() {
    let r = read(fixture!("vmknic-l.nsxv.tabs-in-fields.txt"));
    assert_eq!(r.host.name, UNNAMED_HOST);
    assert_vmknics(
        &r,
        &[
            ("vmk0", "192.168.110.52/24", None, Some("510"), &[], None),
            ("vmk1", "10.10.20.52/24", None, Some("639"), &[], None),
            ("vmk2", "10.10.30.52/24", None, Some("767"), &[], None),
            ("vmk3", "192.168.150.52/24", None, Some("905"), &[], None),
        ],
    );
}

#[test]
fn a_prompt_cut_at_its_start_still_names_the_host() {
    let r = read(fixture!("vmknic-l.cut-prompt.txt"));
    assert_eq!(r.host.name, "omega-1");
    let names: Vec<(&str, &str)> = r
        .host
        .vmknics
        .iter()
        .map(|v| (v.name.as_str(), v.ip.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("vmk0", "10.47.242.69/20"),
            ("vmk1", "192.168.5.1/24"),
            ("vmk2", "172.17.0.1/16"),
            ("vmk3", "172.16.8.1/16")
        ]
    );
}

#[test]
fn narrow_columns_and_nsx_stacks() {
    let r = read(fixture!("vmknic-l.nsxt-narrow-columns.txt"));
    assert_eq!(r.host.name, "esxi-site-a-1");
    let stacks: Vec<(&str, Option<&str>)> = r
        .host
        .vmknics
        .iter()
        .map(|v| (v.name.as_str(), v.stack.as_deref()))
        .collect();
    assert_eq!(
        stacks,
        [
            ("vmk0", None),
            ("vmk10", Some("vxlan")),
            ("vmk11", Some("vxlan")),
            ("vmk50", Some("hyperbus"))
        ]
    );
}

#[test]
fn an_underscore_header_over_rows_not_aligned_under_it() {
    let r = read(fixture!("vmknic-l.underscore-header.txt"));
    assert_vmknics(
        &r,
        &[(
            "vmk0",
            "172.26.64.10/26",
            None,
            Some("Management Network"),
            &[],
            None,
        )],
    );
}

#[test]
fn a_tags_line_right_after_a_route_table_goes_to_the_only_vmknic_without_services() {
    let r = read(fixture!("route-list.then-tags.txt"));
    assert_eq!(r.host.default_gateway.as_deref(), Some("172.26.64.1"));
    let vmk0 = &r.unaddressed[0].vmknic;
    assert_eq!(vmk0.services, ["management", "vmotion"]);
    assert!(!r.missing.iter().any(|m| m.starts_with("services of")));
    assert!(
        r.notes.iter().any(|n| n.contains("read as vmk0's")),
        "{:?}",
        r.notes
    );
    // With two candidates it is said and not used.
    let two = format!(
        "{}vmk1  Mgmt  IPv4  10.0.0.2  255.255.255.0  10.0.0.255  00:50:56:aa:bb:cc  1500  65535  true  STATIC\n",
        "Interface  Port Group  IP Family  IP Address  Netmask  Broadcast  MAC Address  MTU  TSO MSS  Enabled  Type\nvmk0  Mgmt  IPv4  10.0.0.1  255.255.255.0  10.0.0.255  00:50:56:aa:bb:cd  1500  65535  true  STATIC\n"
    ) + "   Tags: VMotion\n";
    let r = read(&two);
    assert!(r.missing.contains(&"services of vmk0".to_string()));
    assert!(
        r.notes.iter().any(|n| n.contains("not used")),
        "{:?}",
        r.notes
    );
}

#[test]
fn a_single_unknown_line_between_two_outputs_is_skipped_and_said() {
    let text = [
        fixture!("samples/route-ipv4-list.esxi70.txt"),
        "Here is the second one:\n",
        fixture!("samples/esxcfg-vmknic-l.esxi70.txt"),
    ]
    .concat();
    let r = read(&text);
    assert_eq!(r.host.vmknics.len(), 1);
    assert!(
        r.notes.iter().any(|n| n.contains("line 6: skipped")),
        "{:?}",
        r.notes
    );
    // Two unknown lines are no single line: an error with its line.
    let text = [
        fixture!("samples/route-ipv4-list.esxi70.txt"),
        "Here is\nthe second one:\n",
        fixture!("samples/esxcfg-vmknic-l.esxi70.txt"),
    ]
    .concat();
    let e = read_host(&text).unwrap_err();
    assert_eq!(e.path, "line 6", "{e}");
}

#[test]
fn powercli_default_table_skips_physical_nics_and_names_the_host_of_its_command() {
    let r = read(fixture!("powercli-adapter.format-table.txt"));
    assert_eq!(r.host.name, "192.168.101.15");
    assert_vmknics(&r, &[("vmk0", "192.168.101.15/24", None, None, &[], None)]);
    assert!(r.missing.contains(&"services of vmk0".to_string()));
}

#[test]
fn powercli_list_of_selected_properties() {
    let r = read(fixture!("powercli-adapter.format-list.txt"));
    // `-VMHost (Get-VMHost -Name …)` is an expression, not a name: the name is asked.
    assert!(r.missing.contains(&"host name".to_string()));
    assert_vmknics(&r, &[("vmk0", "192.168.101.15/24", None, None, &[], None)]);
}

#[test]
fn powercli_output_of_two_hosts_is_refused_with_its_line() {
    let e = read_host(fixture!("powercli-adapter.two-hosts.txt")).unwrap_err();
    assert_eq!(e.path, "line 8");
    assert!(
        e.message
            .contains("10.10.10.3/24 here but 10.10.10.1/24 at line 7"),
        "{e}"
    );
}

/// PowerShell's Format-List of every property prints one `Key : value` block per adapter. No
/// published copy with the service properties was found, so this one is written in that layout
/// (PowerCLI property names, padded keys, blocks between blank lines); see the report.
#[test]
fn powercli_list_with_service_flags() {
    let text = "PS C:\\> Get-VMHostNetworkAdapter -VMHost esx01 -VMKernel | Format-List\n\n\
VMotionEnabled               : False\n\
FaultToleranceLoggingEnabled : False\n\
ManagementTrafficEnabled     : True\n\
VsanTrafficEnabled           : False\n\
PortGroupName                : Management Network\n\
VMHost                       : esx01\n\
DeviceName                   : vmk0\n\
IP                           : 10.0.1.11\n\
SubnetMask                   : 255.255.255.0\n\
Name                         : vmk0\n\n\
VMotionEnabled               : True\n\
FaultToleranceLoggingEnabled : False\n\
ManagementTrafficEnabled     : False\n\
VsanTrafficEnabled           : False\n\
PortGroupName                : vMotion\n\
VMHost                       : esx01\n\
DeviceName                   : vmk1\n\
IP                           : 10.0.1.12\n\
SubnetMask                   : 255.255.255.0\n\
Name                         : vmk1\n";
    let r = read(text);
    assert_eq!(r.host.name, "esx01");
    assert_vmknics(
        &r,
        &[
            (
                "vmk0",
                "10.0.1.11/24",
                None,
                Some("Management Network"),
                &["management"],
                None,
            ),
            (
                "vmk1",
                "10.0.1.12/24",
                None,
                Some("vMotion"),
                &["vmotion"],
                None,
            ),
        ],
    );
    assert!(!r.missing.iter().any(|m| m.starts_with("services of")));
    assert!(
        r.notes.iter().any(|n| n.contains("ProvisioningEnabled")),
        "{:?}",
        r.notes
    );
}

#[test]
fn govc_esxcli_reads_like_esxcli_and_names_its_host() {
    let r = read(fixture!("govc.interface-list.txt"));
    assert_eq!(r.host.name, "esx-vsan03");
    let listed: Vec<_> = r
        .unaddressed
        .iter()
        .map(|u| {
            (
                u.vmknic.name.as_str(),
                u.vmknic.portgroup.as_deref(),
                u.portset.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("vmk0", Some("Management Network"), Some("vSwitch0")),
            ("vmk2", Some("VSAN"), Some("vSwitch1"))
        ]
    );
}

#[test]
fn a_page_that_lost_its_capitals_is_refused_at_its_line() {
    let e = read_host(fixture!("garbage.letters-lost.txt")).unwrap_err();
    assert_eq!(e.path, "line 6", "{e}");
    assert!(e.message.contains("expected"), "{e}");
}

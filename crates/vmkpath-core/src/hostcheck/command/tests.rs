//! Prompts and command lines, as pasted.

use super::*;

#[test]
fn prompts_and_commands() {
    let c = command_line("[root@esxi:~] esxcfg-vmknic -l").unwrap();
    assert_eq!(c.host.as_deref(), Some("esxi"));
    assert_eq!(c.command, Some(Command::VmknicList));
    let c = command_line("~ # esxcli network ip interface ipv4 get").unwrap();
    assert_eq!(c.command, Some(Command::Ipv4Get));
    let c = command_line("[root@VSAN03:~]  esxcli network ip  interface list").unwrap();
    assert_eq!(c.command, Some(Command::InterfaceList));
    let c =
        command_line("[root@esx01 ~]# esxcli network ip interface tag get --interface-name=vmk1")
            .unwrap();
    assert_eq!(c.host.as_deref(), Some("esx01"));
    assert_eq!(
        c.command,
        Some(Command::TagGet {
            vmk: Some("vmk1".into())
        })
    );
    let c = command_line("esxcli network ip route ipv4 list -N vmotion").unwrap();
    assert_eq!(
        c.command,
        Some(Command::RouteList {
            netstack: Some("vmotion".into())
        })
    );
    assert_eq!(
        command_line("esxcfg-route").unwrap().command,
        Some(Command::DefaultGateway { netstack: None })
    );
    assert_eq!(
        command_line("esxcfg-route -l").unwrap().command,
        Some(Command::RouteList { netstack: None })
    );
    assert!(matches!(
        command_line("/tmp # ls -l").unwrap().command,
        Some(Command::Other(_))
    ));
    assert!(matches!(
        command_line("esxcli --formatter=csv network ip interface ipv4 get")
            .unwrap()
            .command,
        Some(Command::Other(_))
    ));
    assert_eq!(command_line("# a comment"), None);
    assert_eq!(command_line("vmk0  Management Network  IPv4"), None);
    assert_eq!(command_line("[root@esxi:~] ").unwrap().command, None);
}

#[test]
fn prompts_of_other_shells_and_tools() {
    let c = command_line("ot@omega-1:~] esxcfg-vmknic -l").unwrap();
    assert_eq!(
        (c.host.as_deref(), c.command),
        (Some("omega-1"), Some(Command::VmknicList))
    );
    let c = command_line("root@esx01:~# esxcli network ip interface list").unwrap();
    assert_eq!(c.host.as_deref(), Some("esx01"));
    // govc runs on the reader's machine: its prompt names that machine, -host the ESXi host.
    let c = command_line("me@laptop:~$ govc host.esxcli -host esx02 network ip interface ipv4 get")
        .unwrap();
    assert_eq!(
        (c.host.as_deref(), c.command),
        (Some("esx02"), Some(Command::Ipv4Get))
    );
    let c = command_line("[me@laptop ~]$ govc host.esxcli network ip route ipv4 list").unwrap();
    assert_eq!(c.host, None);
    assert_eq!(c.command, Some(Command::RouteList { netstack: None }));
    let c =
        command_line("PS C:\\WINDOWS\\system32> Get-VMHostNetworkAdapter -VMHost 192.168.101.15")
            .unwrap();
    assert_eq!(
        c.command,
        Some(Command::PowerCliAdapters {
            host: Some("192.168.101.15".into())
        })
    );
    let c = command_line("Get-VMHostNetworkAdapter -VMHost $h -VMKernel | Format-List").unwrap();
    assert_eq!(c.command, Some(Command::PowerCliAdapters { host: None }));
    assert!(matches!(
        command_line("PS /home/me> Get-VM").unwrap().command,
        Some(Command::Other(_))
    ));
    assert_eq!(command_line("Name        : vmk0"), None);
    assert_eq!(
        command_line("Uid : /VIServer=x\\administrator@192.168.50.16:443/"),
        None
    );
}

#[test]
fn version_commands() {
    for line in [
        "~ # esxcli system version get",
        "[root@localhost:~] esxcli system version get",
        "[root@kuiper1:~] vmware -l",
        "[root@esxi2:~] vmware -v",
        "vmware -vl",
        "(Get-EsxCli).system.version.get()",
        "PS C:\\> (Get-EsxCli).system.version.get()",
    ] {
        let c = command_line(line).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(c.command, Some(Command::EsxiVersion), "{line}");
    }
    // The output line and `vmware` without the version flags are no version command.
    assert_eq!(command_line("VMware ESXi 7.0.3 build-20328353"), None);
    assert_eq!(command_line("vmware"), None);
    assert!(matches!(
        command_line("~ # vmware -x").unwrap().command,
        Some(Command::Other(_))
    ));
}

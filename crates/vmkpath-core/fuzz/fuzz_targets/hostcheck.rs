//! Any bytes pasted as host output: `read_host` never panics; an error names `line N` (N at
//! least 1, at most the number of lines); a host it reads has findings, writes back as command
//! output, and that output reads back with the same vmknics (name, address, stack, services),
//! gateways and routes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vmkpath_core::hostcheck::{host_findings, host_to_text, read_host, Prompt, TextLayout};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match read_host(&text) {
        Err(e) => {
            let n: usize = e
                .path
                .strip_prefix("line ")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("error path {:?} is not `line N`", e.path));
            let lines = text
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .split('\n')
                .count();
            assert!(n >= 1 && n <= lines, "line {n} of {lines}: {e}");
            assert!(!e.message.is_empty());
        }
        Ok(report) => {
            let _ = host_findings(&report);
            let host = &report.host;
            if host.vmknics.is_empty()
                && host.default_gateway.is_none()
                && host.routes.is_empty()
                && host.stacks.is_empty()
            {
                return;
            }
            // Host names and port groups as `Key: value` lines, which keep any text.
            let layout = TextLayout {
                prompt: Prompt::Busybox,
                interface_list: true,
                ..TextLayout::default()
            };
            let written = host_to_text(host, &layout);
            let again = read_host(&written)
                .unwrap_or_else(|e| panic!("re-reading failed: {e}\n--- written:\n{written}"))
                .host;
            let key = |h: &vmkpath_core::format::HostFile| {
                let nics: Vec<_> = h
                    .vmknics
                    .iter()
                    .map(|v| {
                        (
                            v.name.clone(),
                            v.ip.clone(),
                            v.stack.clone(),
                            v.services.clone(),
                            v.gateway.clone(),
                        )
                    })
                    .collect();
                (
                    nics,
                    h.default_gateway.clone(),
                    h.routes.clone(),
                    h.stacks.clone(),
                )
            };
            assert_eq!(key(host), key(&again), "--- written:\n{written}");
        }
    }
});

//! The scenario and plan files written as compact JSON by hand, byte for byte what
//! `serde_json::to_string` writes for their serde shapes (tested over every built-in and the toggle
//! cross product), for the wasm widget: its objects (`el.plan`, `el.scenario`, `vmkpath:plan`)
//! are this text read by the browser's `JSON.parse`, so the module carries no serializer
//! (serde's derived code and serde-wasm-bindgen cost it ~5 KB gzipped).

use super::plan_file::{EndpointFile, FindingFile, FlowFile, PlanFile};
use super::scenario_file::{
    DiskFile, HostFile, MigrationFile, RouteFile, ScenarioFile, UplinkFile, VmFile, VmknicFile,
};

/// A JSON text being written: values, arrays and objects, commas placed as they go.
#[derive(Debug)]
pub struct JsonWriter {
    out: String,
    /// Nothing written yet in the innermost array or object (no comma before the next).
    first: bool,
}

/// A value that writes itself as JSON.
pub trait ToJson {
    fn write(&self, w: &mut JsonWriter);
    /// The compact JSON text.
    fn to_json(&self) -> String {
        let mut w = JsonWriter::default();
        self.write(&mut w);
        w.out
    }
}

impl Default for JsonWriter {
    fn default() -> Self {
        Self {
            out: String::new(),
            first: true,
        }
    }
}

impl JsonWriter {
    pub fn into_string(self) -> String {
        self.out
    }
    fn comma(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }
    /// `[`, the items `items` writes, `]`.
    pub fn array(&mut self, items: &mut dyn FnMut(&mut JsonWriter)) {
        self.item();
        self.out.push('[');
        self.first = true;
        items(self);
        self.out.push(']');
        self.first = false;
    }
    /// `{`, the fields `fields` writes (with `key`), `}`.
    pub fn object(&mut self, fields: &mut dyn FnMut(&mut JsonWriter)) {
        self.item();
        self.out.push('{');
        self.first = true;
        fields(self);
        self.out.push('}');
        self.first = false;
    }
    /// A key of the object being written; its value comes next.
    pub fn key(&mut self, key: &str) -> &mut Self {
        self.comma();
        self.quoted(key);
        self.out.push(':');
        self.first = true;
        self
    }
    /// Before a value: the comma inside an array (a value after `key` has none).
    fn item(&mut self) {
        self.comma();
    }
    pub fn str(&mut self, s: &str) {
        self.item();
        self.quoted(s);
    }
    /// serde_json's escaping: quote, backslash and control characters only.
    fn quoted(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                c if c < ' ' => {
                    let hex = b"0123456789abcdef";
                    let b = c as usize;
                    self.out.push_str("\\u00");
                    self.out.push(char::from(hex[b >> 4]));
                    self.out.push(char::from(hex[b & 15]));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
    pub fn null(&mut self) {
        self.item();
        self.out.push_str("null");
    }
    pub fn bool(&mut self, b: bool) {
        self.item();
        self.out.push_str(if b { "true" } else { "false" });
    }
    pub fn u64(&mut self, n: u64) {
        self.item();
        self.out.push_str(&n.to_string());
    }
    /// serde_json's float text (`16.0`, `1e+16`); not finite: `null`, as serde_json writes it.
    pub fn f64(&mut self, f: f64) {
        match f.is_finite() {
            true => {
                self.item();
                self.out.push_str(&super::shape::float_text(f));
            }
            false => self.null(),
        }
    }
    fn opt_str(&mut self, s: &Option<String>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }
    fn opt_f64(&mut self, f: Option<f64>) {
        match f {
            Some(f) => self.f64(f),
            None => self.null(),
        }
    }
    fn strs<S: AsRef<str>>(&mut self, list: &[S]) {
        self.array(&mut |w| list.iter().for_each(|s| w.str(s.as_ref())));
    }
    fn f64s(&mut self, list: &[f64]) {
        self.array(&mut |w| list.iter().for_each(|f| w.f64(*f)));
    }
    fn each<T: ToJson>(&mut self, list: &[T]) {
        self.array(&mut |w| list.iter().for_each(|t| t.write(w)));
    }
    /// A field serde skips when `None` (`skip_serializing_if = "Option::is_none"`).
    fn some_str(&mut self, key: &str, s: &Option<String>) {
        if let Some(s) = s {
            self.key(key).str(s);
        }
    }
    fn some_f64(&mut self, key: &str, f: Option<f64>) {
        if let Some(f) = f {
            self.key(key).f64(f);
        }
    }
}

impl ToJson for PlanFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            w.key("outcome").str(self.outcome);
            w.key("verdict").str(&self.verdict);
            w.key("duration_s").opt_f64(self.duration_s);
            w.key("stun_ms").opt_f64(self.stun_ms);
            w.key("flows").each(&self.flows);
            w.key("findings").each(&self.findings);
        });
    }
}

impl ToJson for FlowFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            w.key("traffic").str(self.traffic);
            w.key("transport").str(self.transport);
            w.key("source");
            self.source.write(w);
            w.key("destination");
            self.destination.write(w);
            w.key("bytes").u64(self.bytes);
            w.key("start_s").opt_f64(self.start_s);
            w.key("end_s").opt_f64(self.end_s);
            w.key("rate_bytes_per_s").opt_f64(self.rate_bytes_per_s);
            match self.encrypted {
                Some(b) => w.key("encrypted").bool(b),
                None => w.key("encrypted").null(),
            }
            w.key("rule").str(self.rule);
            w.key("why").str(&self.why);
            w.key("sources").strs(&self.sources);
        });
    }
}

impl ToJson for EndpointFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            w.key("host").str(&self.host);
            w.key("vmk").opt_str(&self.vmk);
            w.key("uplink").opt_str(&self.uplink);
        });
    }
}

impl ToJson for FindingFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            w.key("code").str(self.code);
            w.key("severity").str(self.severity);
            w.key("host").opt_str(&self.host);
            w.key("message").str(&self.message);
            w.key("fix").opt_str(&self.fix);
            w.key("sources").strs(&self.sources);
        });
    }
}

impl ToJson for ScenarioFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            if !self.title.is_empty() {
                w.key("title").str(&self.title);
            }
            w.key("version").str(&self.version);
            w.key("migration");
            self.migration.write(w);
            w.key("vm");
            self.vm.write(w);
            w.key("source");
            self.source.write(w);
            w.key("destination");
            self.destination.write(w);
        });
    }
}

impl ToJson for MigrationFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            w.key("kind").str(&self.kind);
            w.key("shared_datastore").bool(self.shared_datastore);
            w.some_str("encryption", &self.encryption);
        });
    }
}

impl ToJson for VmFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            w.key("name").str(&self.name);
            w.key("memory_gib").f64(self.memory_gib);
            w.key("home_mib").f64(self.home_mib);
            w.key("disks").each(&self.disks);
            w.some_f64("dirty_mib_per_s", self.dirty_mib_per_s);
            w.some_f64("write_mib_per_s", self.write_mib_per_s);
        });
    }
}

impl ToJson for DiskFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            w.some_str("name", &self.name);
            w.key("base_gib").f64(self.base_gib);
            w.key("snapshots_gib").f64s(&self.snapshots_gib);
        });
    }
}

impl ToJson for HostFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            w.key("name").str(&self.name);
            w.some_str("version", &self.version);
            w.some_str("default_gateway", &self.default_gateway);
            if !self.routes.is_empty() {
                w.key("routes").each(&self.routes);
            }
            if !self.stacks.is_empty() {
                w.key("stacks").object(&mut |w| {
                    for (name, stack) in &self.stacks {
                        w.key(name)
                            .object(&mut |w| w.some_str("gateway", &stack.gateway));
                    }
                });
            }
            w.key("uplinks").each(&self.uplinks);
            w.key("vmknics").each(&self.vmknics);
        });
    }
}

impl ToJson for RouteFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            w.key("network").str(&self.network);
            w.key("gateway").str(&self.gateway);
        });
    }
}

impl ToJson for UplinkFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            w.key("name").str(&self.name);
            w.key("gbps").f64(self.gbps);
            if let Some(mtu) = self.mtu {
                w.key("mtu").u64(mtu.into());
            }
        });
    }
}

impl ToJson for VmknicFile {
    fn write(&self, w: &mut JsonWriter) {
        w.object(&mut |w| {
            w.key("name").str(&self.name);
            w.key("ip").str(&self.ip);
            w.key("services").strs(&self.services);
            w.some_str("stack", &self.stack);
            w.some_str("portgroup", &self.portgroup);
            w.key("active").strs(&self.active);
            if !self.standby.is_empty() {
                w.key("standby").strs(&self.standby);
            }
            w.some_str("gateway", &self.gateway);
        });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::scenarios::builtins;
    use crate::{analyze, toggles};

    #[test]
    fn scenarios_and_plans_write_as_serde_json_writes_them() {
        let mut scenarios: Vec<crate::Scenario> =
            builtins().map(|b| b.scenario().unwrap()).collect();
        scenarios.extend(
            toggles::cross_product()
                .iter()
                .filter_map(|t| t.scenario().ok()),
        );
        assert!(scenarios.len() > 50, "{}", scenarios.len());
        for s in &scenarios {
            let file = ScenarioFile::from(s);
            assert_eq!(file.to_json(), serde_json::to_string(&file).unwrap());
            let plan = PlanFile::new(s, &analyze(s));
            assert_eq!(plan.to_json(), serde_json::to_string(&plan).unwrap());
        }
    }

    #[test]
    fn optional_fields_and_odd_values_write_as_serde_json_writes_them() {
        for b in builtins() {
            let mut file = b.file().unwrap();
            file.title = String::new();
            file.migration.encryption = Some("q\"\\\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é😀".into());
            file.vm.dirty_mib_per_s = Some(1e300);
            file.vm.write_mib_per_s = Some(-0.000_001_5);
            file.vm.memory_gib = f64::NAN;
            file.vm.home_mib = 1e16;
            file.vm.disks.iter_mut().for_each(|d| d.name = None);
            file.source.version = Some("6.5".into());
            file.source
                .stacks
                .insert("vmotion".into(), super::super::StackFile { gateway: None });
            file.source
                .uplinks
                .iter_mut()
                .for_each(|u| u.mtu = Some(9000));
            file.destination.vmknics.iter_mut().for_each(|v| {
                v.standby.clear();
                v.stack = Some("vmotion".into());
                v.gateway = Some("10.0.0.1".into());
            });
            assert_eq!(
                file.to_json(),
                serde_json::to_string(&file).unwrap(),
                "{}",
                b.name
            );
        }
    }
}

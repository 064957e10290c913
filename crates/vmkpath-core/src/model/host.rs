//! A host as the rules see it: uplinks, vmknics in creation order, stacks and their gateways.

use crate::net::IpNetwork;
use crate::sorted::SortedMap;
use std::fmt;
use std::net::IpAddr;

/// Index of a vmknic in its host's `vmknics` (creation order, which decides route ownership).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VmkId(pub usize);

/// Index of an uplink in its host's `uplinks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UplinkId(pub usize);

#[derive(Debug, Clone, PartialEq)]
pub struct Host {
    pub name: String,
    /// This host's own version as written (domain.md 8.19); `None`: the scenario's version.
    /// Read it through `Scenario::version_of`, which applies the default.
    pub version: Option<crate::model::Version>,
    /// Default gateway of the default TCP/IP stack.
    pub default_gateway: Option<IpAddr>,
    /// Static routes of the default stack.
    pub routes: Vec<Route>,
    /// Gateways of the other stacks (never `Stack::Default`: that one is `default_gateway`).
    pub stack_gateways: SortedMap<Stack, IpAddr>,
    pub uplinks: Vec<Uplink>,
    pub vmknics: Vec<Vmknic>,
}

impl Host {
    pub fn vmk(&self, id: VmkId) -> &Vmknic {
        &self.vmknics[id.0]
    }
    pub fn uplink(&self, id: UplinkId) -> &Uplink {
        &self.uplinks[id.0]
    }
    pub fn vmk_ids(&self) -> impl Iterator<Item = VmkId> + '_ {
        (0..self.vmknics.len()).map(VmkId)
    }
    /// The gateway of a stack as written (default stack: `default_gateway`).
    pub fn gateway_of(&self, stack: &Stack) -> Option<IpAddr> {
        match stack {
            Stack::Default => self.default_gateway,
            other => self.stack_gateways.get(other).copied(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub network: IpNetwork,
    pub gateway: IpAddr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Uplink {
    pub name: String,
    pub gbps: f64,
    /// Bytes; 1500 unless written. The timing model ignores it; `link-mismatch` compares it.
    pub mtu: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Vmknic {
    pub name: String,
    /// Address and prefix; its network is the vmknic's connected subnet.
    pub ip: IpNetwork,
    pub services: Vec<Service>,
    pub stack: Stack,
    /// Active uplinks of its port group, in failover order (never empty).
    pub active: Vec<UplinkId>,
    pub standby: Vec<UplinkId>,
    /// Per-vmknic gateway override (6.5+), as written.
    pub gateway: Option<IpAddr>,
    /// Port group name, when known (pasted host output); shown in the picture.
    pub portgroup: Option<String>,
}

impl Vmknic {
    pub fn has(&self, service: Service) -> bool {
        self.services.contains(&service)
    }
    /// The connected subnet (network address and prefix).
    pub fn subnet(&self) -> IpNetwork {
        // Re-building from the network address and the same prefix cannot fail.
        IpNetwork::new(self.ip.network(), self.ip.prefix()).unwrap_or(self.ip)
    }
    pub fn addr(&self) -> IpAddr {
        self.ip.ip()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    Management,
    Vmotion,
    Provisioning,
    Ft,
    Vsan,
    Replication,
}

impl Service {
    pub const ALL: [Service; 6] = [
        Self::Management,
        Self::Vmotion,
        Self::Provisioning,
        Self::Ft,
        Self::Vsan,
        Self::Replication,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Management => "management",
            Self::Vmotion => "vmotion",
            Self::Provisioning => "provisioning",
            Self::Ft => "ft",
            Self::Vsan => "vsan",
            Self::Replication => "replication",
        }
    }
    /// The label vSphere's UI uses, for explanations.
    pub fn label(self) -> &'static str {
        match self {
            Self::Management => "Management",
            Self::Vmotion => "vMotion",
            Self::Provisioning => "Provisioning",
            Self::Ft => "FT logging",
            Self::Vsan => "vSAN",
            Self::Replication => "vSphere Replication",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A TCP/IP stack: each has its own routing table and default gateway. [KB-MH][DOC-STACK]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stack {
    Default,
    Vmotion,
    Provisioning,
    /// Any other stack, such as NSX's `vxlan`: carries none of the migration traffic.
    Custom(String),
}

impl Stack {
    pub fn parse(text: &str) -> Self {
        match text {
            "default" => Self::Default,
            "vmotion" => Self::Vmotion,
            "provisioning" => Self::Provisioning,
            other => Self::Custom(other.to_string()),
        }
    }
    pub fn as_str(&self) -> &str {
        match self {
            Self::Default => "default",
            Self::Vmotion => "vmotion",
            Self::Provisioning => "provisioning",
            Self::Custom(name) => name,
        }
    }
}

impl fmt::Display for Stack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

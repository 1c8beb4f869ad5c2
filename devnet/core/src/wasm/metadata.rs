//! Canister metadata: custom sections named `icp:public <name>` or `icp:private <name>`.
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MetadataVisibility {
    Public,
    Private,
}

/// Metadata sections of one module, by name (without the `icp:public `/`icp:private ` prefix).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CanisterMetadata {
    pub sections: BTreeMap<String, (MetadataVisibility, Vec<u8>)>,
}

impl CanisterMetadata {
    pub fn get(&self, name: &str) -> Option<(MetadataVisibility, &[u8])> {
        self.sections.get(name).map(|(v, d)| (*v, d.as_slice()))
    }

    /// Names plus contents: what the IC charges as `custom_sections_size`.
    pub fn size_bytes(&self) -> u64 {
        self.sections.iter().map(|(name, (_, data))| (name.len() + data.len()) as u64).sum()
    }

    /// Reads the `icp:` custom sections of a (decompressed) module.
    pub fn from_wasm(wasm: &[u8]) -> Result<Self, String> {
        let mut sections = BTreeMap::new();
        for payload in wasmparser::Parser::new(0).parse_all(wasm) {
            let payload = payload.map_err(|e| format!("invalid wasm module: {e}"))?;
            if let wasmparser::Payload::CustomSection(reader) = payload {
                let name = reader.name();
                let entry = if let Some(n) = name.strip_prefix("icp:public ") {
                    Some((n, MetadataVisibility::Public))
                } else {
                    name.strip_prefix("icp:private ").map(|n| (n, MetadataVisibility::Private))
                };
                if let Some((n, vis)) = entry {
                    sections.insert(n.to_string(), (vis, reader.data().to_vec()));
                }
            }
        }
        Ok(CanisterMetadata { sections })
    }
}

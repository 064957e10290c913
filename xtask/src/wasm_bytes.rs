//! Reading and writing a wasm module's bytes by hand, where a section is to be copied or patched
//! as it is (split.rs's table exports, import_names.rs's import names, likeness.rs's name
//! section): LEB128 numbers, names, import descriptions.

use crate::Result;

pub struct Reader<'a> {
    pub b: &'a [u8],
    pub at: usize,
}

impl Reader<'_> {
    pub fn byte(&mut self) -> Result<u8> {
        let v = *self.b.get(self.at).ok_or("unexpected end")?;
        self.at += 1;
        Ok(v)
    }
    pub fn leb(&mut self) -> Result<u32> {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return u32::try_from(v).map_err(|_| "LEB too large".into());
            }
            shift += 7;
            if shift > 35 {
                return Err("LEB too long".into());
            }
        }
    }
    pub fn name(&mut self) -> Result<Vec<u8>> {
        let len = self.leb()? as usize;
        let start = self.at;
        self.at += len;
        let name = self.b.get(start..self.at).ok_or("name past the end")?;
        Ok(name.to_vec())
    }
    pub fn limits(&mut self) -> Result {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 == 1 {
            self.leb()?;
        }
        Ok(())
    }
    /// Past an import's description (its kind and type); a table's element type, if it is one.
    pub fn import_desc(&mut self) -> Result<Option<u8>> {
        match self.byte()? {
            0 => drop(self.leb()?),
            1 => {
                let element = self.byte()?;
                self.limits()?;
                return Ok(Some(element));
            }
            2 => self.limits()?,
            3 => self.at += 2,
            k => return Err(format!("import kind {k}")),
        }
        Ok(None)
    }
    /// A section's id and the range of its body; `at` moves past it.
    pub fn section(&mut self) -> Result<(u8, std::ops::Range<usize>)> {
        let id = self.byte()?;
        let size = self.leb()? as usize;
        let body = self.at..self.at + size;
        if body.end > self.b.len() {
            return Err("a section past the end".into());
        }
        self.at = body.end;
        Ok((id, body))
    }
}

pub fn put_leb(out: &mut Vec<u8>, mut v: usize) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub fn put_name(out: &mut Vec<u8>, name: &[u8]) {
    put_leb(out, name.len());
    out.extend_from_slice(name);
}

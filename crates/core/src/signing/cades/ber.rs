//! BER to DER, as far as signing tools need it: many Italian `.p7m` files are written in BER
//! (indefinite lengths, the content as a constructed OCTET STRING in chunks, a padding byte
//! after the end), while the CMS reader decodes DER only. Lengths are re-encoded minimally
//! and constructed strings joined; everything else is copied as it is, so a part already in
//! DER (signed attributes, certificates: what signatures cover) keeps its bytes.

/// Nesting deeper than this is not a signature but an attack on the stack.
const MAX_DEPTH: usize = 64;

/// The DER of the one element `input` holds; after it, only padding (zero bytes or white
/// space) is allowed. The error says where reading stopped.
pub fn to_der(input: &[u8]) -> Result<Vec<u8>, String> {
    let mut pos = 0;
    let element = parse(input, &mut pos, 0)?;
    if let Some(extra) = input[pos..]
        .iter()
        .position(|b| !matches!(b, 0 | b' ' | b'\t' | b'\r' | b'\n'))
    {
        return Err(format!("data after the end, at byte {}", pos + extra));
    }
    let mut out = Vec::with_capacity(input.len());
    element.write(&mut out);
    Ok(out)
}

/// One element: its identifier octets as DER writes them and its content, already DER.
struct Element {
    identifier: Vec<u8>,
    content: Vec<u8>,
}

impl Element {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.identifier);
        let len = self.content.len();
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes = len.to_be_bytes();
            let skip = bytes.iter().take_while(|&&b| b == 0).count();
            out.push(0x80 | (bytes.len() - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
        out.extend_from_slice(&self.content);
    }
}

fn byte(input: &[u8], pos: &mut usize) -> Result<u8, String> {
    let b = *input
        .get(*pos)
        .ok_or_else(|| format!("unexpected end at byte {pos}"))?;
    *pos += 1;
    Ok(b)
}

fn parse(input: &[u8], pos: &mut usize, depth: usize) -> Result<Element, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nesting deeper than {MAX_DEPTH} at byte {pos}"));
    }
    let start = *pos;
    let first = byte(input, pos)?;
    let mut identifier = vec![first];
    if first & 0x1F == 0x1F {
        loop {
            let b = byte(input, pos)?;
            identifier.push(b);
            if b & 0x80 == 0 {
                break;
            }
            if identifier.len() > 5 {
                return Err(format!("tag too long at byte {start}"));
            }
        }
    }
    let constructed = first & 0x20 != 0;
    let length = match byte(input, pos)? {
        0x80 if constructed => None,
        0x80 => return Err(format!("indefinite length of a primitive at byte {start}")),
        short if short < 0x80 => Some(usize::from(short)),
        long => {
            let count = usize::from(long & 0x7F);
            if count > 4 {
                return Err(format!("length too long at byte {start}"));
            }
            let mut len = 0usize;
            for _ in 0..count {
                len = len << 8 | usize::from(byte(input, pos)?);
            }
            Some(len)
        }
    };
    if !constructed {
        let len = length.expect("a primitive has a definite length");
        let end = pos
            .checked_add(len)
            .filter(|&end| end <= input.len())
            .ok_or_else(|| format!("length beyond the end at byte {start}"))?;
        let content = input[*pos..end].to_vec();
        *pos = end;
        return Ok(Element {
            identifier,
            content,
        });
    }
    let children = children(input, pos, length, depth, start)?;
    // A universal string type written in chunks: DER writes it whole, as a primitive.
    let universal_string =
        first & 0xC0 == 0 && matches!(first & 0x1F, 4 | 12 | 19 | 20 | 22 | 26 | 30);
    let mut content = Vec::new();
    if universal_string {
        let primitive = first & !0x20;
        for child in children {
            if child.identifier != [primitive] {
                return Err(format!(
                    "a chunk of another type in a string at byte {start}"
                ));
            }
            content.extend_from_slice(&child.content);
        }
        return Ok(Element {
            identifier: vec![primitive],
            content,
        });
    }
    for child in children {
        child.write(&mut content);
    }
    Ok(Element {
        identifier,
        content,
    })
}

/// The elements inside a constructed one: up to its end, or up to the end-of-contents
/// octets of an indefinite length.
fn children(
    input: &[u8],
    pos: &mut usize,
    length: Option<usize>,
    depth: usize,
    start: usize,
) -> Result<Vec<Element>, String> {
    let mut children = Vec::new();
    match length {
        Some(len) => {
            let end = pos
                .checked_add(len)
                .filter(|&end| end <= input.len())
                .ok_or_else(|| format!("length beyond the end at byte {start}"))?;
            while *pos < end {
                children.push(parse(&input[..end], pos, depth + 1)?);
            }
        }
        None => loop {
            if input.get(*pos..*pos + 2) == Some(&[0, 0]) {
                *pos += 2;
                break;
            }
            if *pos >= input.len() {
                return Err(format!("no end of the element started at byte {start}"));
            }
            children.push(parse(input, pos, depth + 1)?);
        },
    }
    Ok(children)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_is_unchanged_and_ber_becomes_der() {
        let der = [0x30, 0x06, 0x04, 0x01, 0xAA, 0x02, 0x01, 0x05];
        assert_eq!(to_der(&der).unwrap(), der);
        // SEQUENCE of indefinite length holding a chunked OCTET STRING and a long-form length.
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x01, 0xAA, 0x04, 0x02, 0xBB, 0xCC, 0x00, 0x00, 0x02,
            0x81, 0x01, 0x05, 0x00, 0x00, 0x00, b'\n',
        ];
        assert_eq!(
            to_der(&ber).unwrap(),
            [0x30, 0x08, 0x04, 0x03, 0xAA, 0xBB, 0xCC, 0x02, 0x01, 0x05]
        );
    }

    #[test]
    fn broken_or_hostile_input_is_refused_without_panic() {
        for bad in [
            &[][..],
            &[0x30],
            &[0x30, 0x80],
            &[0x30, 0x85, 1, 2, 3, 4, 5],
            &[0x04, 0x80, 0x00, 0x00],
            &[0x30, 0x03, 0x04, 0x05, 0x00],
            &[0x30, 0x00, 0x01],
            &[0x24, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00],
        ] {
            assert!(to_der(bad).is_err(), "{bad:?}");
        }
        let deep: Vec<u8> = std::iter::repeat_n([0x30, 0x80], 1000).flatten().collect();
        assert!(to_der(&deep).unwrap_err().contains("nesting"));
    }
}

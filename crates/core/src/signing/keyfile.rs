//! The ente's signing key, stored only encrypted with a passphrase: Argon2id derives a
//! 256-bit key from the passphrase, XChaCha20-Poly1305 encrypts the Ed25519 seed, and the
//! public key is bound as associated data, so a key file whose public part was swapped does
//! not open. The file is JSON, saved by the user (e.g. on the USB stick) and optionally kept
//! in the browser's localStorage.

use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ed25519_dalek::SigningKey;
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};

use super::{fingerprint, multikey};

// The name is the reader's too, which refuses a key file sent in place of a submission.
pub use crate::reader::KEY_FORMAT_NAME;
pub const KEY_FORMAT_VERSION: u32 = 1;
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// Argon2id cost. The default follows OWASP's minimum for Argon2id (19 MiB, 2 passes).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    pub memoria_kib: u32,
    pub passaggi: u32,
    pub parallelismo: u32,
}

impl Default for KdfParams {
    fn default() -> Self {
        KdfParams {
            memoria_kib: 19 * 1024,
            passaggi: 2,
            parallelismo: 1,
        }
    }
}

/// A hostile key file must not make the app allocate gigabytes or spin for minutes.
const MAX_MEMORY_KIB: u32 = 256 * 1024;
const MAX_PASSES: u32 = 10;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    pub formato: String,
    pub versione: u32,
    /// Who the key belongs to, as shown to people (e.g. "Comune di Crema").
    pub ente: String,
    /// Stable identifier of the ente (ISTAT code, or `aler:<name>`).
    pub ente_id: String,
    pub chiave_pubblica: String,
    pub impronta: String,
    pub creata_il: String,
    pub kdf: KdfParams,
    /// Base64 salt of Argon2id.
    pub sale: String,
    /// Base64 24-byte XChaCha20-Poly1305 nonce.
    pub nonce: String,
    /// Base64 ciphertext of the 32-byte Ed25519 seed, with its 16-byte tag.
    pub chiave_privata_cifrata: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFileError {
    WeakPassphrase,
    WrongPassphrase,
    Malformed(String),
}

impl std::fmt::Display for KeyFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyFileError::WeakPassphrase => write!(
                f,
                "la frase segreta deve avere almeno {MIN_PASSPHRASE_CHARS} caratteri"
            ),
            KeyFileError::WrongPassphrase => f.write_str(
                "frase segreta errata: la chiave non si apre. Riprovare facendo attenzione a maiuscole e spazi",
            ),
            KeyFileError::Malformed(m) => write!(f, "file della chiave non valido: {m}"),
        }
    }
}

impl std::error::Error for KeyFileError {}

impl KeyFileError {
    /// The message in Italian (as `Display` writes it) and in English.
    pub fn message(&self) -> crate::text::Bilingual {
        let en = match self {
            KeyFileError::WeakPassphrase => {
                format!("the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters")
            }
            KeyFileError::WrongPassphrase => {
                "wrong passphrase: the key does not open. Try again, minding capitals and spaces"
                    .into()
            }
            KeyFileError::Malformed(m) => format!("not a valid key file: {m}"),
        };
        crate::text::Bilingual::new(self.to_string(), en)
    }
}

/// A key file must not make the PC derive with more memory or passes than the app allows
/// (a hostile file could otherwise freeze the page).
fn check_kdf_limits(params: KdfParams) -> Result<(), KeyFileError> {
    if params.memoria_kib > MAX_MEMORY_KIB
        || params.passaggi > MAX_PASSES
        || params.parallelismo != 1
    {
        return Err(KeyFileError::Malformed(
            "parametri Argon2id fuori dai limiti".into(),
        ));
    }
    Ok(())
}

fn derive(passphrase: &str, salt: &[u8], params: KdfParams) -> Result<[u8; 32], KeyFileError> {
    check_kdf_limits(params)?;
    let argon_params = Params::new(
        params.memoria_kib,
        params.passaggi,
        params.parallelismo,
        Some(32),
    )
    .map_err(|e| KeyFileError::Malformed(format!("parametri Argon2id: {e}")))?;
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|e| KeyFileError::Malformed(format!("Argon2id: {e}")))?;
    Ok(key)
}

fn decode_b64(field: &str, value: &str) -> Result<Vec<u8>, KeyFileError> {
    B64.decode(value)
        .map_err(|_| KeyFileError::Malformed(format!("«{field}» non è base64")))
}

/// What opening a key file needs from it besides the passphrase, decoded.
struct Sealed {
    salt: Vec<u8>,
    nonce: Vec<u8>,
    ciphertext: Vec<u8>,
}

impl KeyFile {
    /// Creates a new random key for `ente`, encrypted under `passphrase`.
    pub fn create(
        ente: &str,
        ente_id: &str,
        passphrase: &str,
        created: &str,
        params: KdfParams,
    ) -> Result<(KeyFile, SigningKey), KeyFileError> {
        let key = SigningKey::generate(&mut OsRng);
        let file = KeyFile::protect(&key, ente, ente_id, passphrase, created, params)?;
        Ok((file, key))
    }

    /// Encrypts an existing key (used by `create`, and to change the passphrase).
    pub fn protect(
        key: &SigningKey,
        ente: &str,
        ente_id: &str,
        passphrase: &str,
        created: &str,
        params: KdfParams,
    ) -> Result<KeyFile, KeyFileError> {
        let mut salt = [0u8; 16];
        let mut nonce = [0u8; 24];
        OsRng.fill_bytes(&mut salt);
        OsRng.fill_bytes(&mut nonce);
        KeyFile::protect_with(
            key,
            ente,
            ente_id,
            passphrase,
            created,
            params,
            (salt, nonce),
        )
    }

    /// [`KeyFile::protect`] with the salt and nonce given instead of drawn: only for the
    /// bad-input corpus, whose key file must come out the same on every run. Never for a
    /// real key: a repeated nonce under one passphrase undoes the encryption.
    pub fn protect_with(
        key: &SigningKey,
        ente: &str,
        ente_id: &str,
        passphrase: &str,
        created: &str,
        params: KdfParams,
        (salt, nonce): ([u8; 16], [u8; 24]),
    ) -> Result<KeyFile, KeyFileError> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(KeyFileError::WeakPassphrase);
        }
        let public = multikey::public_key_multibase(&key.verifying_key());
        let aead_key = derive(passphrase, &salt, params)?;
        let ciphertext = XChaCha20Poly1305::new((&aead_key).into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &key.to_bytes(),
                    aad: public.as_bytes(),
                },
            )
            .map_err(|_| KeyFileError::Malformed("cifratura non riuscita".into()))?;
        Ok(KeyFile {
            formato: KEY_FORMAT_NAME.into(),
            versione: KEY_FORMAT_VERSION,
            ente: ente.into(),
            ente_id: ente_id.into(),
            impronta: fingerprint(&public),
            chiave_pubblica: public,
            creata_il: created.into(),
            kdf: params,
            sale: B64.encode(salt),
            nonce: B64.encode(nonce),
            chiave_privata_cifrata: B64.encode(ciphertext),
        })
    }

    /// Checks everything opening the key needs except the passphrase: the format, the
    /// base64 fields, the lengths of salt and nonce, the Argon2id limits. Cheap (no key
    /// derivation), so a key file can be judged as it is read, and fuzzed.
    pub fn check_sealed(&self) -> Result<(), KeyFileError> {
        self.sealed().map(|_| ())
    }

    /// Salt, nonce and ciphertext, decoded, once the file is known to be openable.
    fn sealed(&self) -> Result<Sealed, KeyFileError> {
        if self.formato != KEY_FORMAT_NAME || self.versione != KEY_FORMAT_VERSION {
            return Err(KeyFileError::Malformed(format!(
                "non è un file di chiave di Offerta Abitativa (formato «{}» versione {})",
                self.formato, self.versione
            )));
        }
        let salt = decode_b64("sale", &self.sale)?;
        let nonce = decode_b64("nonce", &self.nonce)?;
        if nonce.len() != 24 || salt.len() < 8 {
            return Err(KeyFileError::Malformed(
                "sale o nonce di lunghezza errata".into(),
            ));
        }
        let ciphertext = decode_b64("chiave_privata_cifrata", &self.chiave_privata_cifrata)?;
        check_kdf_limits(self.kdf)?;
        Ok(Sealed {
            salt,
            nonce,
            ciphertext,
        })
    }

    /// Opens the key with the passphrase.
    pub fn unlock(&self, passphrase: &str) -> Result<SigningKey, KeyFileError> {
        let Sealed {
            salt,
            nonce,
            ciphertext,
        } = self.sealed()?;
        let aead_key = derive(passphrase, &salt, self.kdf)?;
        let seed = XChaCha20Poly1305::new((&aead_key).into())
            .decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad: self.chiave_pubblica.as_bytes(),
                },
            )
            .map_err(|_| KeyFileError::WrongPassphrase)?;
        let seed: [u8; 32] = seed
            .try_into()
            .map_err(|_| KeyFileError::Malformed("chiave privata di lunghezza errata".into()))?;
        let key = SigningKey::from_bytes(&seed);
        if multikey::public_key_multibase(&key.verifying_key()) != self.chiave_pubblica {
            return Err(KeyFileError::Malformed(
                "la chiave privata non corrisponde alla pubblica".into(),
            ));
        }
        Ok(key)
    }

    pub fn from_json(text: &str) -> Result<KeyFile, KeyFileError> {
        let mut value =
            crate::strict_json::parse(text).map_err(|e| KeyFileError::Malformed(e.to_string()))?;
        crate::strip_writer(&mut value);
        serde_json::from_value(value).map_err(|e| KeyFileError::Malformed(e.to_string()))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a key file always serialises")
    }

    /// The key file as downloaded: [`KeyFile::to_json`] saying which copy of the app wrote
    /// it (`scritto_da`); the browser's key list keeps the plain form.
    pub fn to_file_json(&self) -> String {
        crate::file_json_with_writer(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cheap parameters for tests; one test uses the real default.
    pub(crate) const FAST: KdfParams = KdfParams {
        memoria_kib: 64,
        passaggi: 1,
        parallelismo: 1,
    };

    #[test]
    fn a_created_key_reopens_with_its_passphrase_only() {
        let (file, key) = KeyFile::create(
            "Comune di Crema",
            "019035",
            "una frase lunga",
            "2026-11-23T10:00:00Z",
            FAST,
        )
        .unwrap();
        let reread = KeyFile::from_json(&file.to_json()).unwrap();
        assert_eq!(
            reread.unlock("una frase lunga").unwrap().to_bytes(),
            key.to_bytes()
        );
        assert_eq!(
            reread.unlock("una frase lungA"),
            Err(KeyFileError::WrongPassphrase)
        );
        assert_eq!(file.impronta, fingerprint(&file.chiave_pubblica));
        assert!(
            !file.to_json().contains(&B64.encode(key.to_bytes())),
            "seed in clear"
        );
    }

    #[test]
    fn default_parameters_work() {
        let (file, key) = KeyFile::create(
            "ALER",
            "aler:x",
            "frase segreta robusta",
            "t",
            KdfParams::default(),
        )
        .unwrap();
        assert_eq!(
            file.unlock("frase segreta robusta").unwrap().to_bytes(),
            key.to_bytes()
        );
    }

    /// Everything but the passphrase is judged without deriving a key: what the fuzz target
    /// `key_file` exercises.
    #[test]
    fn a_key_file_is_judged_openable_without_the_passphrase() {
        let (file, _) = KeyFile::create("x", "x", "una frase lunga", "t", FAST).unwrap();
        assert_eq!(file.check_sealed(), Ok(()));
        let mut bad_nonce = file.clone();
        bad_nonce.nonce = B64.encode([0u8; 12]);
        assert!(
            matches!(bad_nonce.check_sealed(), Err(KeyFileError::Malformed(m)) if m.contains("nonce"))
        );
        let mut not_base64 = file.clone();
        not_base64.sale = "*".into();
        assert!(
            matches!(not_base64.check_sealed(), Err(KeyFileError::Malformed(m)) if m.contains("«sale»"))
        );
        let mut greedy = file.clone();
        greedy.kdf.memoria_kib = MAX_MEMORY_KIB + 1;
        assert!(
            matches!(greedy.check_sealed(), Err(KeyFileError::Malformed(m)) if m.contains("limiti"))
        );
    }

    #[test]
    fn short_passphrases_are_refused() {
        assert_eq!(
            KeyFile::create("x", "x", "corta", "t", FAST).err(),
            Some(KeyFileError::WeakPassphrase)
        );
    }

    #[test]
    fn a_swapped_public_key_or_hostile_parameters_do_not_open() {
        let (mut file, _) = KeyFile::create("x", "x", "una frase lunga", "t", FAST).unwrap();
        let (other, _) = KeyFile::create("y", "y", "una frase lunga", "t", FAST).unwrap();
        let original = file.clone();
        file.chiave_pubblica = other.chiave_pubblica;
        assert_eq!(
            file.unlock("una frase lunga"),
            Err(KeyFileError::WrongPassphrase)
        );
        let mut hostile = original;
        hostile.kdf.memoria_kib = 4 * 1024 * 1024;
        assert!(matches!(
            hostile.unlock("una frase lunga"),
            Err(KeyFileError::Malformed(_))
        ));
        assert!(KeyFile::from_json("{}").is_err());
    }

    #[test]
    fn a_key_file_says_which_app_wrote_it_and_reads_back_the_same() {
        let (file, _) = KeyFile::create(
            "Comune di Crema",
            "019035",
            "frase segreta dell'ente",
            "2026-12-04T10:00:00Z",
            FAST,
        )
        .expect("a key");
        let text = file.to_file_json();
        assert!(text.contains(&format!("\"scritto_da\": \"{}\"", crate::written_by())));
        assert_eq!(KeyFile::from_json(&text).unwrap(), file);
        assert!(
            !file.to_json().contains("scritto_da"),
            "the browser keeps the plain form"
        );
    }
}

//! TLS for `wss://`: the system's root certificates, plus an extra CA file when the team's
//! server uses a private or corporate CA.

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::path::Path;
use std::sync::Arc;
use tungstenite::Connector;

/// A rustls connector trusting the system's roots and every certificate in `extra_ca_pem`.
/// A human reason if the file cannot be used (a bad CA file must not be silently ignored).
pub fn connector_with_extra_ca(extra_ca_pem: &Path) -> Result<Connector, String> {
    let shown = extra_ca_pem.display();
    let mut roots = rustls::RootCertStore::empty();
    // Unreadable system certificates are not fatal: the extra CA may be all that is needed.
    let native = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(native.certs);
    let certs = CertificateDer::pem_file_iter(extra_ca_pem)
        .map_err(|e| format!("cannot read the CA file {shown}: {e}"))?;
    let mut added = 0;
    for cert in certs {
        let cert = cert.map_err(|e| format!("the CA file {shown} is not valid PEM: {e}"))?;
        roots
            .add(cert)
            .map_err(|e| format!("the CA file {shown} holds an unusable certificate: {e}"))?;
        added += 1;
    }
    if added == 0 {
        return Err(format!("the CA file {shown} holds no certificate"));
    }
    let config = rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Connector::Rustls(Arc::new(config)))
}

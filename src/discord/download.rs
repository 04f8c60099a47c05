//! Fetching a file a moderator attached to a command (`/kb article`): over
//! http(s) only, never more bytes than a limit however large the file says
//! it is (the bytes are counted as they arrive), and never for longer than
//! a time limit. serenity's `Attachment::download` has neither limit (it
//! reads the whole body into memory, with a client of its own), so it is
//! not used.

use std::time::Duration;

use crate::knowledge::files::megabytes;

/// How long fetching an attachment may take in all. Discord's CDN serves
/// the 4 MB a knowledge file may have in well under a second; a minute
/// allows for a slow link without leaving a moderator waiting forever (the
/// reply may come up to 15 minutes after the deferral).
pub const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(60);
/// How long connecting may take: a host that does not answer is reported
/// sooner than one that is slow to send.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Discord's CDN answers directly; a few redirects allow for a proxy in
/// front of it, and no more.
const MAX_REDIRECTS: usize = 3;

/// Why an attachment was not fetched.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error("not fetched: its address is not http(s)")]
    NotHttp,
    #[error("larger than {}, the most a knowledge file may have; split the article into parts", megabytes(*limit))]
    TooLarge { limit: usize },
    #[error("not fetched: the server answered HTTP {0}")]
    Status(u16),
    #[error("not fetched within {} s", .0.as_secs_f32())]
    TimedOut(Duration),
    #[error("not fetched: {0}")]
    Failed(String),
}

/// The bytes at `url`: refused past `limit` bytes, or after `timeout`.
pub async fn fetch(url: &str, limit: usize, timeout: Duration) -> Result<Vec<u8>, DownloadError> {
    let url = reqwest::Url::parse(url).map_err(|_| DownloadError::NotHttp)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(DownloadError::NotHttp);
    }
    let failed = |e: reqwest::Error| {
        if e.is_timeout() {
            DownloadError::TimedOut(timeout)
        } else {
            // Without the address: it may carry a signed query string.
            DownloadError::Failed(e.without_url().to_string())
        }
    };
    let client = reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT.min(timeout))
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
        .build()
        .map_err(failed)?;
    let mut response = client.get(url).send().await.map_err(failed)?;
    if !response.status().is_success() {
        return Err(DownloadError::Status(response.status().as_u16()));
    }
    let too_large = DownloadError::TooLarge { limit };
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(too_large);
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(failed)? {
        if bytes.len() + chunk.len() > limit {
            return Err(too_large);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A one-response HTTP server on 127.0.0.1: after `delay`, it answers
    /// every request with `head` and then `body` in chunks of 1 KiB,
    /// chunked-encoded when `head` says so.
    async fn serve(head: &'static str, body: Vec<u8>, delay: Duration) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let body = body.clone();
                tokio::spawn(async move {
                    let mut request = [0u8; 4096];
                    let _ = socket.read(&mut request).await;
                    tokio::time::sleep(delay).await;
                    let _ = socket.write_all(head.as_bytes()).await;
                    let chunked = head.contains("chunked");
                    for part in body.chunks(1024) {
                        let framed = if chunked {
                            let mut f = format!("{:x}\r\n", part.len()).into_bytes();
                            f.extend_from_slice(part);
                            f.extend_from_slice(b"\r\n");
                            f
                        } else {
                            part.to_vec()
                        };
                        if socket.write_all(&framed).await.is_err() {
                            return;
                        }
                    }
                    if chunked {
                        let _ = socket.write_all(b"0\r\n\r\n").await;
                    }
                });
            }
        });
        format!("http://{addr}/attachments/1/2/article.md")
    }

    const CHUNKED: &str =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";

    #[tokio::test]
    async fn a_file_within_the_limit_arrives_whole() {
        let body = b"The bridge reopened on Monday.".repeat(100);
        let url = serve(CHUNKED, body.clone(), Duration::ZERO).await;
        let fetched = fetch(&url, body.len(), DOWNLOAD_TIMEOUT).await;
        assert_eq!(fetched.expect("fetched"), body);
    }

    #[tokio::test]
    async fn a_file_past_the_limit_is_refused_whatever_it_declares() {
        // No length declared: the bytes are counted as they come.
        let url = serve(CHUNKED, vec![b'a'; 10_000], Duration::ZERO).await;
        let e = fetch(&url, 4096, DOWNLOAD_TIMEOUT).await;
        assert!(
            matches!(e, Err(DownloadError::TooLarge { limit: 4096 })),
            "{e:?}"
        );
        // A declared length past the limit: refused before reading.
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 10000\r\nConnection: close\r\n\r\n";
        let url = serve(head, vec![b'a'; 10_000], Duration::ZERO).await;
        let e = fetch(&url, 4096, DOWNLOAD_TIMEOUT).await;
        assert!(matches!(e, Err(DownloadError::TooLarge { .. })), "{e:?}");
    }

    #[tokio::test]
    async fn a_slow_server_an_error_status_and_other_schemes_are_refused() {
        let url = serve(CHUNKED, b"late".to_vec(), Duration::from_secs(5)).await;
        let e = fetch(&url, 4096, Duration::from_millis(200)).await;
        assert!(matches!(e, Err(DownloadError::TimedOut(_))), "{e:?}");
        let head = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        let url = serve(head, Vec::new(), Duration::ZERO).await;
        let e = fetch(&url, 4096, DOWNLOAD_TIMEOUT).await;
        assert!(matches!(e, Err(DownloadError::Status(404))), "{e:?}");
        for url in ["file:///etc/passwd", "ftp://127.0.0.1/a.txt", "not a url"] {
            let e = fetch(url, 4096, DOWNLOAD_TIMEOUT).await;
            assert!(matches!(e, Err(DownloadError::NotHttp)), "{url}: {e:?}");
        }
    }
}

//! `kalem serve`: builds everything, then serves `output/` and a preview
//! page per brochure on this machine while it watches the project as
//! `kalem watch` does, rebuilding on every save; open pages reload when a
//! rebuild finishes.
//!
//! The server is tiny_http: synchronous and small (no async runtime for a
//! preview one person opens), answering from a few threads while the
//! watcher rebuilds on the main one.

mod page;
mod routes;
mod state;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tiny_http::{Header, Response, Server};

use super::finish;
use super::watch::watch;
use crate::cli::ServeArgs;
use crate::diag::{self, Diagnostic};
use crate::pipeline::Mode;
use routes::{Site, answer, local_host};
use state::Shown;

/// Threads answering requests: a page and its images load in parallel.
const THREADS: usize = 4;

/// Serves until interrupted.
pub fn run(args: &ServeArgs) -> u8 {
    let root = match args.target.project.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            let d = Diagnostic::error(format!("cannot open the project folder {}: {e}", args.target.project.display()))
                .hint("pass the folder that holds kalem.yaml with --project");
            return finish(&[d], &args.target.project);
        }
    };
    let server = match Server::http(SocketAddr::new(args.host, args.port)) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            let d = Diagnostic::error(format!("cannot listen on {}:{}: {e}", args.host, args.port)).hint("choose another port with --port, or leave it out to take a free one");
            return finish(&[d], &root);
        }
    };
    let address = server.server_addr().to_ip().map_or_else(|| format!("{}:{}", args.host, args.port), |a| a.to_string());
    println!("serving the preview at http://{address}/ (every file of output/ under its path; Ctrl-C to stop)");
    if !args.host.is_loopback() {
        println!("{}", diag::escape(&format!("listening on {}: every machine that reaches this one can read the outputs", args.host)));
    }
    let site = Site { root, shown: Arc::new(Mutex::new(Shown::default())) };
    for _ in 0..THREADS {
        let (server, site, loopback) = (Arc::clone(&server), site.clone(), args.host.is_loopback());
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                respond(&site, request, loopback);
            }
        });
    }
    let code = watch(&args.target, Mode::Build, &mut |rebuild| site.shown.lock().unwrap_or_else(|p| p.into_inner()).told(rebuild));
    server.unblock();
    code
}

/// Answers one request; on loopback, only one that names this machine.
fn respond(site: &Site, request: tiny_http::Request, loopback: bool) {
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str());
    let reply = if loopback && !local_host(host) { routes::Reply::not_found() } else { answer(site, request.method().as_str(), request.url()) };
    let headers = [("Content-Type", reply.content_type), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")];
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // The browser may have gone: nothing to do about it.
    drop(request.respond(response));
}

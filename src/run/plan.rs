//! `kalem plan`: the jobs a build runs, in the order shards split them.

use super::{exit, selection};
use crate::cli::{CheckArgs, Format};
use crate::diag;
use crate::model::load_project;
use crate::pipeline::editions::planned_jobs;

/// Prints the plan as a table, or as a JSON array (`--format json`).
pub fn run(args: &CheckArgs) -> u8 {
    let root = &args.target.project;
    let project = match load_project(root, &selection(&args.target)) {
        Ok(project) => project,
        Err(ds) => {
            diag::emit(&ds, root);
            return exit::CONTENT;
        }
    };
    let jobs = planned_jobs(&project);
    match args.format {
        Format::Json => println!("{}", serde_json::json!({ "jobs": jobs })),
        Format::Human => {
            let width = jobs.iter().map(|j| j.brochure.len() + j.variant.as_ref().map_or(0, |v| v.len() + 1)).max().unwrap_or(0).max("brochure".len());
            println!("{:>5}  {:<width$}  {:<5}  {:>7}", "job", "brochure", "lang", "outputs");
            for job in &jobs {
                let name = job.variant.as_ref().map_or_else(|| job.brochure.clone(), |v| format!("{}/{v}", job.brochure));
                println!("{:>5}  {:<width$}  {:<5}  {:>7}", job.index, name, job.lang, job.outputs.len());
            }
        }
    }
    exit::OK
}

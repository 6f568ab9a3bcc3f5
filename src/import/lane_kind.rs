//! Guessing what a lane stands for from its name, when a timeline does not say
//! (`lane_kind` column): a person, a team, a system or someone outside the organisation.
//! English names are mostly head-final ("database team", "abuse-removal job"), so the last
//! word that tells anything decides, after a few whole-name signals (a host name, a vendor,
//! "users"). The word lists are data; `tests/lane_kinds.rs` scores the guess on names
//! from real reviews.

use crate::model::LaneKind;

/// Words that make a name someone outside the organisation.
const EXTERNAL: &[&str] = &[
    "user",
    "users",
    "customer",
    "customers",
    "client",
    "clients",
    "vendor",
    "vendors",
    "provider",
    "providers",
    "upstream",
    "third-party",
    "thirdparty",
    "partner",
    "partners",
    "public",
    "regulator",
    "regulators",
    "isp",
    "carrier",
    "registrar",
    "merchant",
    "merchants",
    "subscriber",
    "subscribers",
    "tenant",
    "tenants",
    "reporter",
    "press",
    "media",
    "community",
    "visitors",
    "shoppers",
    "advertisers",
    "developers-community",
];

/// Companies that, named as a lane, are a supplier rather than a machine of ours.
const VENDORS: &[&str] = &[
    "aws",
    "amazon",
    "azure",
    "microsoft",
    "google",
    "gcp",
    "cloudflare",
    "fastly",
    "akamai",
    "digitalocean",
    "linode",
    "hetzner",
    "ovh",
    "equinix",
    "verisign",
    "godaddy",
    "heroku",
    "github",
    "atlassian",
    "okta",
    "stripe",
    "twilio",
    "sendgrid",
    "mailgun",
    "zendesk",
    "salesforce",
    "oracle",
    "ibm",
    "apple",
    "level3",
    "lumen",
    "comcast",
    "verizon",
    "att",
    "ntt",
    "telia",
    "cogent",
    "zayo",
    "vodafone",
];

/// Words for a group of people.
const TEAM: &[&str] = &[
    "team",
    "teams",
    "squad",
    "group",
    "crew",
    "org",
    "organisation",
    "organization",
    "department",
    "dept",
    "engineers",
    "responders",
    "staff",
    "leadership",
    "management",
    "executives",
    "execs",
    "support",
    "comms",
    "communications",
    "legal",
    "security",
    "marketing",
    "sales",
    "finance",
    "operations",
    "ops",
    "devops",
    "sre",
    "sres",
    "dbas",
    "rotation",
    "committee",
    "board",
    "everyone",
    "folks",
    "people",
    "guild",
    "chapter",
    "pod-team",
    "war-room",
    "bridge",
    "council",
    "developers",
    "admins",
    "moderators",
];

/// Words for one person, or a role one person fills.
const PERSON: &[&str] = &[
    "engineer",
    "commander",
    "ic",
    "lead",
    "manager",
    "director",
    "vp",
    "cto",
    "ceo",
    "cio",
    "ciso",
    "coo",
    "founder",
    "developer",
    "dev",
    "admin",
    "administrator",
    "dba",
    "analyst",
    "architect",
    "on-call",
    "oncall",
    "on_call",
    "member",
    "person",
    "operator",
    "responder",
    "scribe",
    "liaison",
    "officer",
    "head",
    "owner",
    "agent",
    "representative",
    "rep",
    "specialist",
    "consultant",
    "contractor",
    "intern",
    "employee",
    "me",
    "i",
    "secondary",
    "primary-oncall",
    "sysadmin",
    "technician",
    "tech",
    "coordinator",
    "facilitator",
    "reviewer",
    "author",
    "writer",
    "staffer",
    "volunteer",
];

/// Words for software, machines, jobs and tools.
const SYSTEM: &[&str] = &[
    "db",
    "database",
    "databases",
    "server",
    "servers",
    "service",
    "services",
    "api",
    "apis",
    "cluster",
    "clusters",
    "job",
    "jobs",
    "cron",
    "cronjob",
    "queue",
    "queues",
    "cache",
    "caches",
    "dns",
    "balancer",
    "lb",
    "proxy",
    "proxies",
    "gateway",
    "replica",
    "replicas",
    "primary",
    "secondary-db",
    "node",
    "nodes",
    "pod",
    "pods",
    "kubernetes",
    "k8s",
    "tier",
    "backup",
    "backups",
    "pipeline",
    "pipelines",
    "monitor",
    "monitoring",
    "alerting",
    "alertmanager",
    "pagerduty",
    "opsgenie",
    "slack",
    "zoom",
    "page",
    "status",
    "dashboard",
    "dashboards",
    "grafana",
    "prometheus",
    "datadog",
    "nagios",
    "script",
    "scripts",
    "tool",
    "tooling",
    "console",
    "bot",
    "ci",
    "cd",
    "deploy",
    "deployer",
    "deployment",
    "network",
    "router",
    "routers",
    "switch",
    "switches",
    "bgp",
    "cdn",
    "storage",
    "s3",
    "disk",
    "disks",
    "host",
    "hosts",
    "vm",
    "vms",
    "instance",
    "instances",
    "container",
    "containers",
    "app",
    "application",
    "backend",
    "frontend",
    "web",
    "website",
    "site",
    "worker",
    "workers",
    "daemon",
    "agent-process",
    "firewall",
    "waf",
    "registry",
    "repository",
    "repo",
    "postgres",
    "postgresql",
    "mysql",
    "redis",
    "memcached",
    "kafka",
    "rabbitmq",
    "elasticsearch",
    "consul",
    "etcd",
    "zookeeper",
    "nginx",
    "haproxy",
    "envoy",
    "istio",
    "terraform",
    "ansible",
    "puppet",
    "chef",
    "jenkins",
    "gitlab-ci",
    "lambda",
    "ec2",
    "rds",
    "elb",
    "vpc",
    "sql",
    "nosql",
    "replication",
    "pgbouncer",
    "pg_basebackup",
    "wal-e",
    "lvm",
    "snapshot",
    "snapshots",
    "index",
    "search",
    "mail",
    "email",
    "smtp",
    "sms",
    "auth",
    "authentication",
    "login",
    "sso",
    "ldap",
    "vpn",
    "wiki",
    "runbook",
    "feature-flag",
    "flags",
    "config",
    "configuration",
    "control",
    "plane",
    "dataplane",
    "edge",
    "origin",
    "system",
    "systems",
    "platform",
    "infrastructure",
    "infra",
    "hardware",
    "power",
    "datacenter",
    "datacentre",
    "region",
    "zone",
    "az",
    "shard",
    "shards",
    "partition",
    "process",
    "scheduler",
    "orchestrator",
    "controller",
    "load",
    "traffic",
    "metrics",
    "logs",
    "logging",
    "tracing",
    "probe",
    "healthcheck",
    "checker",
    "exporter",
    "ingest",
    "ingestion",
    "stream",
    "streams",
    "feed",
    "webhook",
    "webhooks",
    "endpoint",
    "endpoints",
    "microservice",
    "monolith",
    "batch",
    "etl",
    "warehouse",
    "lake",
    "model",
    "billing",
    "payments",
    "checkout",
    "cart",
    "store",
    "shop",
    "portal",
    "pagerduty-alert",
];

fn in_list(word: &str, list: &[&str]) -> bool {
    list.contains(&word)
}

/// What a word says about the lane, if anything.
fn kind_of_word(word: &str) -> Option<LaneKind> {
    if in_list(word, EXTERNAL) || in_list(word, VENDORS) {
        Some(LaneKind::External)
    } else if in_list(word, TEAM) {
        Some(LaneKind::Team)
    } else if in_list(word, PERSON) {
        Some(LaneKind::Person)
    } else if in_list(word, SYSTEM) {
        Some(LaneKind::System)
    } else {
        None
    }
}

/// The kind a lane named `name` most likely has.
pub fn guess_lane_kind(name: &str) -> LaneKind {
    let name = name.trim();
    let lower = name.to_lowercase();
    // "db1.cluster.gitlab.com", "10.0.0.7", "api-7f9c": a host or an instance.
    if looks_like_a_host(&lower) {
        return LaneKind::System;
    }
    let words: Vec<String> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(['.', '-']).to_owned())
        .filter(|w| !w.is_empty())
        .collect();
    // Words inside parentheses describe the lane ("Ana (on-call engineer)"): they win.
    if let Some(inner) = parenthesised(&lower)
        && let Some(kind) = inner.split_whitespace().rev().find_map(kind_of_word)
    {
        return kind;
    }
    // A supplier named in a short name is outside ("AWS support", "Azure DNS").
    if words.len() <= 3 && words.iter().any(|w| in_list(w, VENDORS)) {
        return LaneKind::External;
    }
    // The head: the last word that says anything. Parts of hyphenated words count too
    // ("team-member-1", "abuse-removal job", "on-call").
    for word in words.iter().rev() {
        if let Some(kind) = kind_of_word(word) {
            return kind;
        }
        let parts: Vec<&str> = word.split(['-', '_']).filter(|p| !p.is_empty()).collect();
        if let Some(kind) = parts.iter().rev().find_map(|p| kind_of_word(p)) {
            return kind;
        }
    }
    // Nothing known: a capitalised name of one or two words is a person ("Ana",
    // "Bo Chen"); a lowercase identifier is a system ("checkout", "ledger-sync").
    let capitalised = name.chars().next().is_some_and(char::is_uppercase);
    if capitalised && words.len() <= 3 && !name.chars().any(|c| c.is_ascii_digit()) {
        LaneKind::Person
    } else if !capitalised && words.len() == 1 {
        LaneKind::System
    } else if capitalised {
        LaneKind::Team
    } else {
        LaneKind::System
    }
}

fn parenthesised(name: &str) -> Option<&str> {
    let start = name.find('(')?;
    let end = name[start..].find(')')? + start;
    Some(&name[start + 1..end])
}

/// A host name, an address or an instance id: dots between letters and digits with no
/// spaces ("db1.cluster.gitlab.com", "10.0.0.7"), but not a sentence.
fn looks_like_a_host(lower: &str) -> bool {
    if lower.contains(char::is_whitespace) {
        return false;
    }
    let dotted = lower.split('.').filter(|p| !p.is_empty()).count() >= 3;
    let numbered = lower.chars().any(|c| c.is_ascii_digit())
        && lower.chars().any(|c| c.is_ascii_alphabetic())
        && !lower.contains("member")
        && !lower.contains("engineer")
        && !lower.contains("user");
    dotted || (numbered && lower.split(['-', '.']).count() >= 2 && !in_list(lower, PERSON))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_seen_in_real_reviews() {
        for (name, kind) in [
            ("team-member-1", LaneKind::Person),
            ("abuse-removal job", LaneKind::System),
            ("GitLab.com users", LaneKind::External),
            ("application tier", LaneKind::System),
            ("db1.cluster.gitlab.com", LaneKind::System),
            ("Database team", LaneKind::Team),
            ("Ana (on-call engineer)", LaneKind::Person),
            ("Ana", LaneKind::Person),
            ("api-gateway", LaneKind::System),
            ("AWS support", LaneKind::External),
            ("Incident Commander", LaneKind::Person),
            ("status page", LaneKind::System),
            ("Customer Support", LaneKind::Team),
        ] {
            assert_eq!(guess_lane_kind(name), kind, "{name}");
        }
    }
}

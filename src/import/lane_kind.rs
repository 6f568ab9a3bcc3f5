//! Guessing what a lane stands for from its name, when a timeline does not say
//! (`lane_kind` column): a person, a team, a system or someone outside the organisation.
//! English names are mostly head-final ("database team", "abuse-removal job"), so the last
//! word that tells anything decides, after a few whole-name signals (a host name, a vendor,
//! "users"). The word lists are data; `tests/all/lane_kinds.rs` scores the guess on names
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
    "reporters",
    "press",
    "media",
    "community",
    "visitors",
    "shoppers",
    "advertisers",
    "players",
    "player",
    "gamers",
    "spammers",
    "spammer",
    "troll",
    "trolls",
    "attacker",
    "attackers",
    "drivers",
    "riders",
    "journalists",
    "journalist",
    "auditors",
    "auditor",
    "enforcement",
    "researcher",
    "researchers",
    "government",
    "ico",
    "reddit",
    "twitter",
    "utility",
    "electric",
    "insurer",
    "bank",
    "banks",
];

/// Words that make a name outside whatever else it says ("vendor support", "outside
/// experts").
const OUTSIDE: &[&str] = &[
    "vendor",
    "vendors",
    "outside",
    "external",
    "third-party",
    "thirdparty",
    "upstream",
    "partner",
    "partners",
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
    "hashicorp",
    "mongodb",
    "elastic",
    "confluent",
    "flexential",
    "datadog-support",
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
    "war-room",
    "council",
    "developers",
    "admins",
    "moderators",
    "engineering",
    "facilities",
    "safety",
    "relations",
    "success",
    "noc",
    "soc",
    "helpdesk",
    "desk",
    "hr",
    "pr",
    "we",
    "us",
    "everybody",
    "leads",
    "managers",
    "directors",
    "owners",
    "on-callers",
    "oncallers",
    "analysts",
    "experts",
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
    "sre",
    "executive",
    "expert",
    "deployer",
    "someone",
    "colleague",
    "teammate",
    "boss",
    "chief",
    "president",
    "investigator",
    "approver",
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
    "balancers",
    "lb",
    "proxy",
    "proxies",
    "gateway",
    "replica",
    "replicas",
    "primary",
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
    "pages",
    "status",
    "statuspage",
    "dashboard",
    "dashboards",
    "grafana",
    "prometheus",
    "datadog",
    "nagios",
    "kibana",
    "script",
    "scripts",
    "tool",
    "tools",
    "tooling",
    "console",
    "bot",
    "ci",
    "cd",
    "deploy",
    "deployment",
    "deployments",
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
    "apps",
    "application",
    "backend",
    "frontend",
    "web",
    "website",
    "site",
    "sites",
    "worker",
    "workers",
    "daemon",
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
    "vault",
    "nomad",
    "etcd",
    "zookeeper",
    "nginx",
    "haproxy",
    "envoy",
    "istio",
    "varnish",
    "sidekiq",
    "unicorn",
    "puma",
    "terraform",
    "ansible",
    "puppet",
    "chef",
    "jenkins",
    "jira",
    "confluence",
    "lambda",
    "ec2",
    "rds",
    "elb",
    "ebs",
    "vpc",
    "sql",
    "nosql",
    "replication",
    "pgbouncer",
    "pgpool",
    "pg_basebackup",
    "wal-e",
    "lvm",
    "snapshot",
    "snapshots",
    "volume",
    "volumes",
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
    "runbooks",
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
    "microservices",
    "monolith",
    "batch",
    "etl",
    "warehouse",
    "lake",
    "billing",
    "payments",
    "checkout",
    "cart",
    "store",
    "shop",
    "portal",
    "build",
    "builds",
    "actions",
    "bridge",
    "doc",
    "docs",
    "document",
    "spreadsheet",
    "livestream",
    "stream",
    "batteries",
    "battery",
    "generator",
    "generators",
    "ups",
    "hvac",
    "cooling",
    "link",
    "links",
    "fiber",
    "cable",
    "circuit",
    "transit",
    "peering",
    "backbone",
    "mesh",
    "sidecar",
    "agentless",
    "daemonset",
    "deployer-bot",
    "chatops",
    "hubot",
    "bots",
    "channel",
    "ticket",
    "tickets",
    "queue-worker",
    "infrastructure",
    "infra",
    "boltdb",
    "clickhouse",
    "coredns",
    "quicksilver",
    "mongodb",
    "cassandra",
    "dynamodb",
    "bigtable",
    "spanner",
    "hadoop",
    "spark",
    "airflow",
    "celery",
    "resque",
    "graphql",
    "grpc",
];

/// Departments: a capitalised name ending in one of these is a team ("Infrastructure",
/// "Core Infra", "Platform"), a lowercase one a system ("infrastructure").
const DEPARTMENT: &[&str] = &["infrastructure", "infra", "platform", "data", "product"];

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

/// The kind a word or the parts of a hyphenated word say, the last part first.
fn kind_of_word_or_parts(word: &str) -> Option<LaneKind> {
    kind_of_word(word).or_else(|| {
        word.split(['-', '_'])
            .filter(|p| !p.is_empty())
            .rev()
            .find_map(kind_of_word)
    })
}

/// The kind a lane named `name` most likely has.
pub fn guess_lane_kind(name: &str) -> LaneKind {
    let name = name.trim();
    // "@dave": a chat handle.
    if name.starts_with('@') {
        return LaneKind::Person;
    }
    // A CamelCase product name ("BoltDB", "ClickHouse", "CoreDNS"): software.
    if name.split_whitespace().count() == 1 && is_camel_case(name) {
        return LaneKind::System;
    }
    let lower = name.to_lowercase();
    // "db1.cluster.gitlab.com", "10.0.0.7", "api-7f9c": a host or an instance.
    if looks_like_a_host(&lower) {
        return LaneKind::System;
    }
    // Who someone is, before what they are with: "Jess from platform", "network
    // engineer on site", "the engineer who ran the script".
    let lower = subject_of(&lower);
    let words = words_of(lower);
    // Words in parentheses describe a person ("Ana (on-call engineer)"), when they name a
    // role; otherwise they are a detail ("Sam (DB)").
    if let Some(inner) = parenthesised(lower) {
        let role = words_of(inner).iter().rev().find_map(|w| {
            kind_of_word_or_parts(w).filter(|k| matches!(k, LaneKind::Person | LaneKind::Team))
        });
        if let Some(kind) = role {
            return kind;
        }
    }
    let outside_words: Vec<String> = match lower.find('(') {
        Some(cut) => words_of(&lower[..cut]),
        None => words.clone(),
    };
    let words = outside_words;
    if words.iter().any(|w| in_list(w, OUTSIDE)) {
        return LaneKind::External;
    }
    // Someone on call is one person, unless named in the plural ("on-call SRE").
    let on_call = lower.contains("on call")
        || words
            .iter()
            .any(|w| w.contains("oncall") || w.contains("on-call"));
    if on_call
        && !words
            .iter()
            .any(|w| matches!(w.as_str(), "engineers" | "sres" | "team" | "rotation"))
    {
        return LaneKind::Person;
    }
    let head = words.iter().rev().find_map(|w| kind_of_word_or_parts(w));
    // A supplier named in a short name is outside ("AWS support", "Azure"), unless the
    // rest names one of its systems ("Azure disk snapshots").
    let vendor = words.iter().any(|w| in_list(w, VENDORS));
    if vendor && words.len() <= 3 && head != Some(LaneKind::System) {
        return LaneKind::External;
    }
    let capitalised = name.chars().next().is_some_and(char::is_uppercase);
    if capitalised && words.last().is_some_and(|w| in_list(w, DEPARTMENT)) {
        return LaneKind::Team;
    }
    if let Some(kind) = head {
        return kind;
    }
    // Nothing known: a capitalised name of one or two words is a person ("Ana",
    // "Bo Chen"); an all-capitals one a team ("NOC"); a lowercase identifier a system
    // ("checkout", "ledger-sync").
    let all_capitals = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if capitalised && all_capitals && words.len() == 1 {
        LaneKind::Team
    } else if capitalised && words.len() <= 2 && !name.chars().any(|c| c.is_ascii_digit()) {
        LaneKind::Person
    } else if capitalised {
        LaneKind::Team
    } else {
        LaneKind::System
    }
}

/// The words of a name, lowercase, hyphenated words kept whole.
fn words_of(lower: &str) -> Vec<String> {
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .map(|w| w.trim_matches(['.', '-']))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The part of a name before what it says the subject is with or does.
fn subject_of(lower: &str) -> &str {
    let mut cut = lower.len();
    for joint in [
        " from ", " who ", " that ", " with ", " at ", " on site", " in ",
    ] {
        if let Some(at) = lower.find(joint)
            && at > 0
        {
            cut = cut.min(at);
        }
    }
    &lower[..cut]
}

fn is_camel_case(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0].is_lowercase() && w[1].is_uppercase())
        || (chars.len() > 2
            && chars.iter().take(2).all(|c| c.is_uppercase())
            && chars.iter().skip(2).any(|c| c.is_lowercase()))
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

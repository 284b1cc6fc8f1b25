// What the large page is made of: 60 components in 8 groups, and the words its operators write.

export const PAGE = { name: "Northwind Cloud", url: "https://status.northwind.example", time_zone: "Europe/Berlin" };

export const GROUPS = [
  ["API", ["REST API", "GraphQL API", "Webhooks", "API Gateway", "Authentication", "Rate Limiting", "SDK Endpoints", "OAuth Provider"]],
  ["Dashboard", ["Web App", "Mobile App", "Admin Console", "Reporting", "Search", "Notifications", "Billing Portal", "Single Sign-On"]],
  ["Data Platform", ["Ingestion", "Stream Processing", "Batch Jobs", "Data Warehouse", "Exports", "Analytics Queries", "ETL Scheduler", "Metrics Pipeline"]],
  ["Payments", ["Card Processing", "Invoicing", "Payouts", "Fraud Detection", "Subscriptions", "Tax Calculation", "Refunds"]],
  ["Messaging", ["Email Delivery", "SMS Delivery", "Push Notifications", "In-App Chat", "Voice Calls", "Message Queue", "Templates"]],
  ["Storage", ["Object Storage", "Block Storage", "Backups", "CDN", "File Uploads", "Media Processing", "Database Clusters"]],
  ["Compute", ["Container Runtime", "Serverless Functions", "Build Pipeline", "Deployments", "Autoscaling", "Scheduled Jobs", "GPU Instances"]],
  ["Networking", ["DNS", "Load Balancers", "Edge Network", "VPN", "Private Links", "DDoS Protection", "TLS Certificates", "Regional Routing"]],
];

export const REGIONS = ["us-east", "us-west", "eu-central", "eu-west", "ap-southeast", "ap-northeast", "sa-east"];

export const INCIDENT_NAMES = [
  "Elevated error rates on {c}",
  "Degraded performance of {c}",
  "{c} unavailable in {r}",
  "Increased latency for {c} in {r}",
  "Delayed processing in {c}",
  "{c} partially unavailable",
  "Intermittent timeouts on {c}",
  "Failed requests to {c} for some customers",
];

export const BODIES = {
  investigating: [
    "We are investigating reports of elevated error rates affecting **{c}**. Some requests may fail or time out.",
    "We are currently investigating an issue with {c} in {r}. Customers may see slower responses than usual.",
    "Our monitoring detected increased failures for {c}. Engineers are looking into it and we will post an update within 30 minutes.",
    "We are continuing to investigate this issue. Retrying failed requests is safe.",
  ],
  identified: [
    "The issue has been identified: a configuration change rolled out to {r} caused {c} to reject a share of requests. We are rolling it back.",
    "We identified the cause as an overloaded database primary behind {c} and are failing over to a healthy replica.",
    "A faulty network path between {r} and our storage layer was identified. Traffic is being rerouted.",
    "The cause has been identified and a fix is being deployed. We will update as it progresses.",
  ],
  monitoring: [
    "A fix has been deployed and error rates for {c} are back to normal. We are monitoring the results.",
    "Traffic has been rerouted and latency has recovered. We will keep monitoring for the next hour.",
    "The backlog of delayed jobs is draining; everything queued during the incident will be processed.",
  ],
  resolved: [
    "This incident has been resolved. {c} is operating normally.",
    "Error rates have remained normal since the fix. This incident is resolved; a postmortem will follow where warranted.",
    "All delayed work has been processed and {c} is healthy. We apologise for the disruption.",
  ],
};

export const MAINTENANCE_NAMES = [
  "Database upgrade for {c}",
  "Network maintenance in {r}",
  "Scheduled {c} infrastructure migration",
  "Certificate rotation for {c}",
  "Storage hardware replacement in {r}",
];

export const MAINTENANCE_BODIES = {
  scheduled: "We will be performing scheduled maintenance on **{c}** in {r}. Brief interruptions are possible during the window.",
  in_progress: "Scheduled maintenance is currently in progress. We will provide updates as necessary.",
  verifying: "Maintenance work is complete; we are verifying that {c} is operating normally.",
  completed: "The scheduled maintenance has been completed.",
  cancelled: "This scheduled maintenance has been cancelled.",
};

export function postmortem(name, component, region) {
  const steps = ["Detection", "Diagnosis", "Mitigation", "Recovery"].map(
    (s, i) =>
      `${i + 1}. **${s}.** ${s} took longer than our target because ${component} alerts in ${region} were routed to a queue with no on-call owner, and the runbook assumed a single-region failure.`,
  );
  return [
    `## What happened`,
    `On this day "${name}" affected customers of **${component}** in ${region}. A routine change increased connection churn between the service and its database pool, which exhausted available connections and caused requests to fail.`,
    `## Timeline`,
    ...steps,
    `## What we are changing`,
    `- Connection pool limits are now enforced per tenant, so one noisy workload cannot starve others.`,
    `- Changes to ${component} roll out region by region with automatic rollback on elevated error rates.`,
    `- Alert routing for every ${region} service has been audited and now pages the owning team directly.`,
    `We are sorry for the disruption. If you have questions, contact support and mention this incident.`,
  ].join("\n\n");
}

export const fill = (template, c, r) => template.replaceAll("{c}", c).replaceAll("{r}", r);

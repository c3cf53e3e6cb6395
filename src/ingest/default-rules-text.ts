// Generated from rules/default-rules.yaml by scripts/embed-default-rules.ts: do not edit by hand.

/** The default rule set's YAML, embedded so the ingest bundle needs no rules file. */
export const DEFAULT_RULES_YAML = `# eks-audit-bot default rules (loaded unless --rules / RULES_FILE names another file).
#
# Every rule applies to people only (actors: [human]) unless it says otherwise: service accounts, CI/CD and
# GitOps identities, nodes and control-plane components never alert. Dry-run requests never alert. A request
# the API server refused (401/403) is reported as a denied attempt ("tried to ... (denied, 403)"), not as a
# change. Other failures (404, 409, 5xx) changed nothing and are skipped.
#
# Condition fields (all given fields must match; a list matches any of its entries):
#   pattern        a CloudWatch Logs filter pattern on the audit event JSON
#   verbs          Kubernetes verbs; \`change\` = create/update/patch/delete/deletecollection, \`read\` = get/list/watch
#   resources      \`secrets\`, \`pods/exec\` (subresource), \`pods/*\` (any subresource), \`*\`
#   apiGroups      '' is the core group
#   namespaces     globs; \`protected\` = kube-system + the configured list + protectedNamespaces below;
#                  \`cluster-wide\` = a request with no namespace (e.g. list secrets in all namespaces)
#   names, usernames, groups, requestUris (globs), responseCodes, outcome (allowed | denied | any)
#   privilegedPod, hostPathPod, bindsRole, impersonation   (read from the request body, see the README)
#   not            a condition that must NOT match
version: 1

# Protected in addition to kube-system and the PROTECTED_NAMESPACES setting, e.g. [vault, istio-system].
protectedNamespaces: []

rules:
  - id: seed-manual-change
    title: Manual change matched by the original eks-auditing-bot filter pattern
    severity: medium
    description: >
      The filter pattern of the Terraform module this project started from (seifrajhi/eks-auditing-bot-module),
      verbatim: any change by sre/*, ssouser/* or kubernetes-admin to roles, rolebindings, secrets or service
      accounts in its namespaces, or to cluster roles and cluster role bindings anywhere.
    condition:
      pattern: '{ ($.verb != "get" && $.verb != "list" && $.verb != "watch") && ($.user.username = "sre/*" || $.user.username = "ssouser/*" || $.user.username = "kubernetes-admin" ) && ((($.objectRef.namespace = "kube-system" || $.objectRef.namespace = "consul" || $.objectRef.namespace = "vault" || $.objectRef.namespace = "consul" || $.objectRef.namespace = "istio-ingress" || $.objectRef.namespace = "ingress-system" || $.objectRef.namespace = "istio-system" ) && ($.objectRef.resource = "roles" || $.objectRef.resource = "secrets" || $.objectRef.resource = "serviceaccounts" || $.objectRef.resource = "role" || $.objectRef.resource = "rolebindings")) || ($.objectRef.resource = "clusterroles" || $.objectRef.resource = "clusterrolebindings") ) }'

  - id: rbac-binding-privileged-role
    title: Binding to cluster-admin or admin
    severity: critical
    description: >
      A person bound the cluster-admin or admin role to someone: full control of the cluster (or of a
      namespace). The most common privilege escalation and persistence step.
    mitre: { id: T1098.006, name: "Account Manipulation: Additional Container Cluster Roles" }
    condition:
      verbs: [create, update, patch]
      resources: [clusterrolebindings, rolebindings]
      apiGroups: [rbac.authorization.k8s.io]
      bindsRole: [cluster-admin, admin]

  - id: rbac-change
    title: RBAC changed
    severity: medium
    description: >
      A person created, changed or deleted a Role, RoleBinding, ClusterRole or ClusterRoleBinding. RBAC
      should change through reviewed automation, not by hand.
    mitre: { id: T1098.006, name: "Account Manipulation: Additional Container Cluster Roles" }
    condition:
      verbs: [change]
      resources: [roles, rolebindings, clusterroles, clusterrolebindings]
      apiGroups: [rbac.authorization.k8s.io]

  - id: secret-change-protected
    title: Secret changed in a protected namespace
    severity: high
    description: A person created, changed or deleted a Secret in a protected namespace.
    mitre: { id: T1552.007, name: "Unsecured Credentials: Container API" }
    condition:
      verbs: [change]
      resources: [secrets]
      namespaces: [protected]

  - id: secret-read-protected
    title: Secret read by a person in a protected namespace
    severity: high
    description: >
      A person read (get, list or watch) Secrets in a protected namespace, or in all namespaces at once.
      Controllers read Secrets all day; people should not need to.
    mitre: { id: T1552.007, name: "Unsecured Credentials: Container API" }
    condition:
      verbs: [read]
      resources: [secrets]
      namespaces: [protected, cluster-wide]

  - id: serviceaccount-change-protected
    title: Service account changed in a protected namespace
    severity: medium
    description: A person created, changed or deleted a ServiceAccount in a protected namespace.
    mitre: { id: T1098, name: Account Manipulation }
    condition:
      verbs: [change]
      resources: [serviceaccounts]
      namespaces: [protected]

  - id: serviceaccount-token-protected
    title: Service account token requested in a protected namespace
    severity: high
    description: >
      A person requested a token for a ServiceAccount of a protected namespace (kubectl create token):
      credentials of a system identity in a person's hands.
    mitre: { id: T1528, name: Steal Application Access Token }
    condition:
      verbs: [create]
      resources: [serviceaccounts/token]
      namespaces: [protected]

  - id: aws-auth-change
    title: aws-auth ConfigMap changed
    severity: high
    description: >
      A person changed kube-system/aws-auth, which maps IAM roles and users to Kubernetes identities and
      groups (system:masters included).
    mitre: { id: T1098.006, name: "Account Manipulation: Additional Container Cluster Roles" }
    condition:
      verbs: [change]
      resources: [configmaps]
      namespaces: [kube-system]
      names: [aws-auth]

  - id: pod-exec
    title: Exec or attach into a pod
    severity: medium
    description: >
      A person ran a command in a container (kubectl exec) or attached to one (kubectl attach). Recent
      kubectl sends exec as a GET over WebSocket, so every verb counts.
    mitre: { id: T1609, name: Container Administration Command }
    condition:
      resources: [pods/exec, pods/attach]

  - id: pod-port-forward
    title: Port-forward to a pod
    severity: medium
    description: A person opened a tunnel to a pod (kubectl port-forward), bypassing services and policies.
    mitre: { id: T1572, name: Protocol Tunneling }
    condition:
      resources: [pods/portforward]

  - id: privileged-pod
    title: Privileged pod created or changed
    severity: high
    description: >
      A person created or changed a pod, or a workload's pod template, with a privileged container: root on
      the node.
    mitre: { id: T1611, name: Escape to Host }
    condition:
      verbs: [create, update, patch]
      resources:
        [pods, deployments, daemonsets, statefulsets, replicasets, jobs, cronjobs, replicationcontrollers]
      privilegedPod: true

  - id: hostpath-pod
    title: Pod with a hostPath volume created or changed
    severity: high
    description: >
      A person created or changed a pod, or a workload's pod template, that mounts a directory of the node
      (hostPath): the node's files, credentials and container runtime socket within reach.
    mitre: { id: T1611, name: Escape to Host }
    condition:
      verbs: [create, update, patch]
      resources:
        [pods, deployments, daemonsets, statefulsets, replicasets, jobs, cronjobs, replicationcontrollers]
      hostPathPod: true

  - id: workload-change-protected
    title: Workload changed in a protected namespace
    severity: medium
    description: >
      A person created, changed or deleted a pod or workload in a protected namespace. Workloads in other
      namespaces are the teams' own business and do not alert.
    mitre: { id: T1610, name: Deploy Container }
    condition:
      verbs: [change]
      resources:
        [pods, deployments, daemonsets, statefulsets, replicasets, jobs, cronjobs, replicationcontrollers]
      namespaces: [protected]

  - id: admission-webhook-change
    title: Admission webhook or policy changed
    severity: high
    description: >
      A person created, changed or deleted a mutating or validating admission webhook (or admission policy):
      code that sees, and can rewrite or block, every matching API request.
    mitre: { id: T1546, name: Event Triggered Execution }
    condition:
      verbs: [change]
      resources:
        - mutatingwebhookconfigurations
        - validatingwebhookconfigurations
        - validatingadmissionpolicies
        - validatingadmissionpolicybindings
      apiGroups: [admissionregistration.k8s.io]

  - id: namespace-delete
    title: Namespace deleted
    severity: high
    description: A person deleted a namespace, and with it everything in it.
    mitre: { id: T1485, name: Data Destruction }
    condition:
      verbs: [delete, deletecollection]
      resources: [namespaces]

  - id: crd-delete
    title: CustomResourceDefinition deleted
    severity: high
    description: A person deleted a CustomResourceDefinition, and with it every custom resource of that kind.
    mitre: { id: T1485, name: Data Destruction }
    condition:
      verbs: [delete, deletecollection]
      resources: [customresourcedefinitions]
      apiGroups: [apiextensions.k8s.io]

  - id: impersonation
    title: Request made while impersonating another identity
    severity: medium
    description: >
      A person acted as another user, group or service account (kubectl --as / --as-group). Impersonation
      hides who really acted from anything that reads only \`user\`.
    mitre: { id: T1078, name: Valid Accounts }
    condition:
      impersonation: true

  - id: anonymous-allowed
    title: Anonymous request allowed
    severity: high
    description: >
      The API server let an unauthenticated request (system:anonymous) through to something other than the
      endpoints Kubernetes makes public by default (health checks, /version, service account issuer
      discovery). Someone granted RBAC to anonymous users. Refused anonymous requests are internet scanners
      and do not alert.
    mitre: { id: T1190, name: Exploit Public-Facing Application }
    actors: [anonymous]
    condition:
      usernames: ['system:anonymous']
      outcome: allowed
      not:
        requestUris:
          - /healthz
          - /healthz/*
          - /livez
          - /livez/*
          - /readyz
          - /readyz/*
          - /version
          - /.well-known/openid-configuration
          - /openid/v1/jwks
`;

/** The same document, parsed at build time: JSON.parse takes under a millisecond, the YAML parser over 100 ms cold. */
export const DEFAULT_RULES_JSON = `{"version":1,"protectedNamespaces":[],"rules":[{"id":"seed-manual-change","title":"Manual change matched by the original eks-auditing-bot filter pattern","severity":"medium","description":"The filter pattern of the Terraform module this project started from (seifrajhi/eks-auditing-bot-module), verbatim: any change by sre/*, ssouser/* or kubernetes-admin to roles, rolebindings, secrets or service accounts in its namespaces, or to cluster roles and cluster role bindings anywhere.\\n","condition":{"pattern":"{ ($.verb != \\"get\\" && $.verb != \\"list\\" && $.verb != \\"watch\\") && ($.user.username = \\"sre/*\\" || $.user.username = \\"ssouser/*\\" || $.user.username = \\"kubernetes-admin\\" ) && ((($.objectRef.namespace = \\"kube-system\\" || $.objectRef.namespace = \\"consul\\" || $.objectRef.namespace = \\"vault\\" || $.objectRef.namespace = \\"consul\\" || $.objectRef.namespace = \\"istio-ingress\\" || $.objectRef.namespace = \\"ingress-system\\" || $.objectRef.namespace = \\"istio-system\\" ) && ($.objectRef.resource = \\"roles\\" || $.objectRef.resource = \\"secrets\\" || $.objectRef.resource = \\"serviceaccounts\\" || $.objectRef.resource = \\"role\\" || $.objectRef.resource = \\"rolebindings\\")) || ($.objectRef.resource = \\"clusterroles\\" || $.objectRef.resource = \\"clusterrolebindings\\") ) }"}},{"id":"rbac-binding-privileged-role","title":"Binding to cluster-admin or admin","severity":"critical","description":"A person bound the cluster-admin or admin role to someone: full control of the cluster (or of a namespace). The most common privilege escalation and persistence step.\\n","mitre":{"id":"T1098.006","name":"Account Manipulation: Additional Container Cluster Roles"},"condition":{"verbs":["create","update","patch"],"resources":["clusterrolebindings","rolebindings"],"apiGroups":["rbac.authorization.k8s.io"],"bindsRole":["cluster-admin","admin"]}},{"id":"rbac-change","title":"RBAC changed","severity":"medium","description":"A person created, changed or deleted a Role, RoleBinding, ClusterRole or ClusterRoleBinding. RBAC should change through reviewed automation, not by hand.\\n","mitre":{"id":"T1098.006","name":"Account Manipulation: Additional Container Cluster Roles"},"condition":{"verbs":["change"],"resources":["roles","rolebindings","clusterroles","clusterrolebindings"],"apiGroups":["rbac.authorization.k8s.io"]}},{"id":"secret-change-protected","title":"Secret changed in a protected namespace","severity":"high","description":"A person created, changed or deleted a Secret in a protected namespace.","mitre":{"id":"T1552.007","name":"Unsecured Credentials: Container API"},"condition":{"verbs":["change"],"resources":["secrets"],"namespaces":["protected"]}},{"id":"secret-read-protected","title":"Secret read by a person in a protected namespace","severity":"high","description":"A person read (get, list or watch) Secrets in a protected namespace, or in all namespaces at once. Controllers read Secrets all day; people should not need to.\\n","mitre":{"id":"T1552.007","name":"Unsecured Credentials: Container API"},"condition":{"verbs":["read"],"resources":["secrets"],"namespaces":["protected","cluster-wide"]}},{"id":"serviceaccount-change-protected","title":"Service account changed in a protected namespace","severity":"medium","description":"A person created, changed or deleted a ServiceAccount in a protected namespace.","mitre":{"id":"T1098","name":"Account Manipulation"},"condition":{"verbs":["change"],"resources":["serviceaccounts"],"namespaces":["protected"]}},{"id":"serviceaccount-token-protected","title":"Service account token requested in a protected namespace","severity":"high","description":"A person requested a token for a ServiceAccount of a protected namespace (kubectl create token): credentials of a system identity in a person's hands.\\n","mitre":{"id":"T1528","name":"Steal Application Access Token"},"condition":{"verbs":["create"],"resources":["serviceaccounts/token"],"namespaces":["protected"]}},{"id":"aws-auth-change","title":"aws-auth ConfigMap changed","severity":"high","description":"A person changed kube-system/aws-auth, which maps IAM roles and users to Kubernetes identities and groups (system:masters included).\\n","mitre":{"id":"T1098.006","name":"Account Manipulation: Additional Container Cluster Roles"},"condition":{"verbs":["change"],"resources":["configmaps"],"namespaces":["kube-system"],"names":["aws-auth"]}},{"id":"pod-exec","title":"Exec or attach into a pod","severity":"medium","description":"A person ran a command in a container (kubectl exec) or attached to one (kubectl attach). Recent kubectl sends exec as a GET over WebSocket, so every verb counts.\\n","mitre":{"id":"T1609","name":"Container Administration Command"},"condition":{"resources":["pods/exec","pods/attach"]}},{"id":"pod-port-forward","title":"Port-forward to a pod","severity":"medium","description":"A person opened a tunnel to a pod (kubectl port-forward), bypassing services and policies.","mitre":{"id":"T1572","name":"Protocol Tunneling"},"condition":{"resources":["pods/portforward"]}},{"id":"privileged-pod","title":"Privileged pod created or changed","severity":"high","description":"A person created or changed a pod, or a workload's pod template, with a privileged container: root on the node.\\n","mitre":{"id":"T1611","name":"Escape to Host"},"condition":{"verbs":["create","update","patch"],"resources":["pods","deployments","daemonsets","statefulsets","replicasets","jobs","cronjobs","replicationcontrollers"],"privilegedPod":true}},{"id":"hostpath-pod","title":"Pod with a hostPath volume created or changed","severity":"high","description":"A person created or changed a pod, or a workload's pod template, that mounts a directory of the node (hostPath): the node's files, credentials and container runtime socket within reach.\\n","mitre":{"id":"T1611","name":"Escape to Host"},"condition":{"verbs":["create","update","patch"],"resources":["pods","deployments","daemonsets","statefulsets","replicasets","jobs","cronjobs","replicationcontrollers"],"hostPathPod":true}},{"id":"workload-change-protected","title":"Workload changed in a protected namespace","severity":"medium","description":"A person created, changed or deleted a pod or workload in a protected namespace. Workloads in other namespaces are the teams' own business and do not alert.\\n","mitre":{"id":"T1610","name":"Deploy Container"},"condition":{"verbs":["change"],"resources":["pods","deployments","daemonsets","statefulsets","replicasets","jobs","cronjobs","replicationcontrollers"],"namespaces":["protected"]}},{"id":"admission-webhook-change","title":"Admission webhook or policy changed","severity":"high","description":"A person created, changed or deleted a mutating or validating admission webhook (or admission policy): code that sees, and can rewrite or block, every matching API request.\\n","mitre":{"id":"T1546","name":"Event Triggered Execution"},"condition":{"verbs":["change"],"resources":["mutatingwebhookconfigurations","validatingwebhookconfigurations","validatingadmissionpolicies","validatingadmissionpolicybindings"],"apiGroups":["admissionregistration.k8s.io"]}},{"id":"namespace-delete","title":"Namespace deleted","severity":"high","description":"A person deleted a namespace, and with it everything in it.","mitre":{"id":"T1485","name":"Data Destruction"},"condition":{"verbs":["delete","deletecollection"],"resources":["namespaces"]}},{"id":"crd-delete","title":"CustomResourceDefinition deleted","severity":"high","description":"A person deleted a CustomResourceDefinition, and with it every custom resource of that kind.","mitre":{"id":"T1485","name":"Data Destruction"},"condition":{"verbs":["delete","deletecollection"],"resources":["customresourcedefinitions"],"apiGroups":["apiextensions.k8s.io"]}},{"id":"impersonation","title":"Request made while impersonating another identity","severity":"medium","description":"A person acted as another user, group or service account (kubectl --as / --as-group). Impersonation hides who really acted from anything that reads only \`user\`.\\n","mitre":{"id":"T1078","name":"Valid Accounts"},"condition":{"impersonation":true}},{"id":"anonymous-allowed","title":"Anonymous request allowed","severity":"high","description":"The API server let an unauthenticated request (system:anonymous) through to something other than the endpoints Kubernetes makes public by default (health checks, /version, service account issuer discovery). Someone granted RBAC to anonymous users. Refused anonymous requests are internet scanners and do not alert.\\n","mitre":{"id":"T1190","name":"Exploit Public-Facing Application"},"actors":["anonymous"],"condition":{"usernames":["system:anonymous"],"outcome":"allowed","not":{"requestUris":["/healthz","/healthz/*","/livez","/livez/*","/readyz","/readyz/*","/version","/.well-known/openid-configuration","/openid/v1/jwks"]}}}]}`;

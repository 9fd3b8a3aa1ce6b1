{{- define "falcod.labels" -}}
app.kubernetes.io/name: falcod
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "falcod.selector" -}}
app.kubernetes.io/name: falcod
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* falco.yaml: the user's config plus what the chart owns (rules, webserver, http_output). */}}
{{- define "falcod.config" -}}
{{- $owned := dict
  "rules_files" (list "/etc/falcod/rules.d")
  "webserver" (dict
    "enabled" true
    "listen_address" "0.0.0.0"
    "listen_port" .Values.webserver.port
    "k8s_healthz_endpoint" "/healthz"
    "prometheus_metrics_enabled" .Values.webserver.prometheus)
  "http_output" (dict
    "enabled" (ne .Values.falcosidekick.url "")
    "url" .Values.falcosidekick.url
    "user_agent" "falcosecurity/falco") -}}
{{- toYaml (merge $owned (deepCopy .Values.config)) }}
{{- end }}

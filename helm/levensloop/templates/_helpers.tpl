{{/* Names and labels shared by every resource of the chart. */}}

{{- define "levensloop.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "levensloop.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "levensloop.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "levensloop.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "levensloop.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "levensloop.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one role: web, worker, beat, migrate; a component's web adds its name. */}}
{{- define "levensloop.selectorLabels" -}}
app.kubernetes.io/name: {{ include "levensloop.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "levensloop.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "levensloop.secretName" -}}
{{- default (printf "%s-secrets" (include "levensloop.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "levensloop.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "levensloop.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "levensloop.claimName" -}}
{{- default (printf "%s-files" (include "levensloop.fullname" .)) .Values.persistence.existingClaim -}}
{{- end -}}

{{/*
The components of the split mode, each a web Deployment and Service of its own: the APIs it
serves (LEVENSLOOP_COMPONENTS names them) and the URL prefixes the Ingress routes to it.
`zaken` serves the Catalogi and Besluiten APIs beside the Zaken API, as in the code, and
`archief` the Selectielijst API. The public Woo pages (robots.txt, the DiWoo sitemaps, the
downloads under /woo/) lie beside the root, so `/` goes to openbaarmaking; the admin and its
static files to autorisaties, the shared plumbing's component.
*/}}
{{- define "levensloop.components" -}}
zaken:
  apis: [catalogi, zaken, besluiten]
  paths: [/catalogi/, /zaken/, /besluiten/]
documenten:
  apis: [documenten]
  paths: [/documenten/]
archief:
  apis: [selectielijst, archief]
  paths: [/selectielijst/, /archief/]
openbaarmaking:
  apis: [openbaarmaking]
  paths: [/openbaarmaking/, /]
autorisaties:
  apis: [autorisaties]
  paths: [/autorisaties/, /admin/, /static/]
{{- end -}}

{{/* The web Deployments to render: one `web` for all, or one per component. */}}
{{- define "levensloop.webs" -}}
{{- if .Values.components.split -}}
{{- range $name, $component := include "levensloop.components" . | fromYaml }}
{{ $name }}: {{ $component | toJson }}
{{- end -}}
{{- else -}}
all:
  apis: []
  paths: [/]
{{- end -}}
{{- end -}}

{{- define "levensloop.webName" -}}
{{- if eq .name "all" -}}
{{- printf "%s-web" (include "levensloop.fullname" .root) -}}
{{- else -}}
{{- printf "%s-%s" (include "levensloop.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The API root env vars: on siteUrl, or in split mode at the component that serves each API. */}}
{{- define "levensloop.apiRoots" -}}
{{- $root := . -}}
{{- range $name, $component := include "levensloop.components" . | fromYaml }}
{{- range $api := $component.apis }}
{{- $base := trimSuffix "/" $root.Values.siteUrl -}}
{{- if and $root.Values.components.split (eq $root.Values.components.apiRoots "internal") }}
{{- $base = printf "http://%s:%v" (include "levensloop.webName" (dict "root" $root "name" $name)) $root.Values.web.service.port -}}
{{- end }}
{{ upper $api }}_API_ROOT: {{ printf "%s/%s/api/v1/" $base $api | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Environment of every container: the ConfigMap, the Secret, and the S3 keys. */}}
{{- define "levensloop.envFrom" -}}
- configMapRef:
    name: {{ include "levensloop.fullname" . }}
- secretRef:
    name: {{ include "levensloop.secretName" . }}
{{- end -}}

{{- define "levensloop.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsUser }}
fsGroup: {{ .Values.securityContext.runAsUser }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "levensloop.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* Writable places under a read-only root filesystem: scratch (/tmp) and the files volume. */}}
{{- define "levensloop.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: files
  mountPath: /app/var
{{- end -}}

{{- define "levensloop.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
- name: files
{{- if .Values.persistence.enabled }}
  persistentVolumeClaim:
    claimName: {{ include "levensloop.claimName" . }}
{{- else }}
  emptyDir: {}
{{- end }}
{{- end -}}

{{/*
On a ReadWriteOnce volume every pod that mounts it must run on the node that holds it: the
worker follows the web pod there.
*/}}
{{- define "levensloop.filesAffinity" -}}
{{- if and .Values.persistence.enabled (eq .Values.persistence.accessMode "ReadWriteOnce") }}
affinity:
  podAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            app.kubernetes.io/instance: {{ .Release.Name }}
            levensloop.nl/files: "mounted"
{{- end }}
{{- end -}}

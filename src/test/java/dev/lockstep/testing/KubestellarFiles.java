package dev.lockstep.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contents of the kubestellar repo of {@link KubestellarWorkspace}, modelled on the real repo.
 * {@link #TEMPLATED} files hold {@code @KS@}, {@code @KS_REGULAR@}, {@code @KUBEFLEX@},
 * {@code @OSA@}, {@code @OTP@}, {@code @CLUSTERADM@} and {@code @HELM@} where a release writes
 * versions; {@link #FIXED} files do not change between releases.
 */
final class KubestellarFiles {
  private KubestellarFiles() {}

  static final String README =
      """
      # KubeStellar

      Multi-cluster configuration management for edge, multi-cloud and hybrid cloud.

      See the [documentation](https://docs.kubestellar.io) and, to try it,
      [Getting Started](docs/content/direct/get-started.md).
      """;

  static final String GO_MOD =
      """
      module github.com/kubestellar/kubestellar

      go 1.22.0

      require (
      \tgithub.com/kubestellar/kubeflex v@KUBEFLEX@
      \tgolang.org/x/mod v0.29.0
      \tk8s.io/api v0.29.2
      \tk8s.io/apimachinery v0.29.2
      \tk8s.io/client-go v0.29.2
      \topen-cluster-management.io/api v0.13.0
      \tsigs.k8s.io/controller-runtime v0.17.2
      )
      """;

  static final String MAKEFILE =
      """
      # Image URL to use all building/pushing image targets
      KO_DOCKER_REPO ?= ghcr.io/kubestellar/kubestellar
      CONTROLLER_MANAGER_IMAGE ?= $(KO_DOCKER_REPO)/controller-manager
      TRANSPORT_CONTROLLER_IMAGE ?= $(KO_DOCKER_REPO)/ocm-transport-controller
      IMAGE_TAG ?= $(shell git rev-parse --short HEAD)
      ARCH ?= $(shell go env GOARCH)

      .PHONY: build
      build:
      \tgo build -o bin/controller-manager ./cmd/controller-manager

      .PHONY: build-transport-controller
      build-transport-controller:
      \tCGO_ENABLED=0 go build -o bin/ocm-transport-controller ./cmd/ocm-transport-controller

      .PHONY: ko-build-controller-manager-local
      ko-build-controller-manager-local:
      \tKO_DOCKER_REPO=ko.local ko build --platform linux/$(ARCH) --bare --tags $(IMAGE_TAG) ./cmd/controller-manager

      .PHONY: chart
      chart:
      \t./hack/make-chart.sh
      """;

  static final String MAIN_GO =
      """
      package main

      import (
      \t"flag"

      \t"k8s.io/klog/v2"
      )

      func main() {
      \tflag.Parse()
      \t// Start the binding and status controllers for one WDS.
      \tklog.Info("starting KubeStellar controller-manager")
      }
      """;

  static final String OTC_MAIN_GO =
      """
      package main

      import "k8s.io/klog/v2"

      // The OCM transport controller: the generic transport controller with the OCM plugin.
      func main() {
      \tklog.Info("starting OCM transport controller")
      }
      """;

  static final String GORELEASER_WORKFLOW =
      """
      name: goreleaser

      on:
        push:
          tags:
            - 'v*'

      permissions:
        contents: write
        packages: write

      jobs:
        goreleaser:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
              with:
                fetch-depth: 0
            - uses: actions/setup-go@v5
              with:
                go-version-file: go.mod
            - name: Build and push the controller-manager image
              run: make ko-build-push IMAGE_TAG="${GITHUB_REF_NAME#v}"
            - name: Stamp and push the charts
              run: |
                version="${GITHUB_REF_NAME#v}"
                for chart in chart core-chart; do
                  sed -i -e "s/^version: .*/version: ${version}/" -e "s/^appVersion: .*/appVersion: ${version}/" "$chart/Chart.yaml"
                done
                helm package chart && helm package core-chart
                helm push "controller-manager-chart-${version}.tgz" oci://ghcr.io/kubestellar/kubestellar
                helm push "core-chart-${version}.tgz" oci://ghcr.io/kubestellar/kubestellar
      """;

  static final String KCM_CHART =
      """
      apiVersion: v2
      name: controller-manager-chart
      description: Helm chart to install the kubestellar controller-manager
      type: application
      version: 0.1.0
      appVersion: 0.1.0
      """;

  static final String KCM_VALUES =
      """
      # Default values for kubestellar.
      # This is a YAML-formatted file.
      # Declare variables to be passed into your templates.

      # name of control plane to set as WDS
      ControlPlaneName: wds1

      # name of the ITS the WDS uses
      ITSName: ""

      # list of allowed Kubernetes api groups, comma separated.
      # If not specified, all api groups are allowed.
      APIGroups: ""

      ControllerManager:
        Verbosity: 2
      """;

  static final String KCM_DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: {{ .Values.ControlPlaneName }}-kubestellar-controller-manager
        labels:
          app.kubernetes.io/name: kubestellar-controller-manager
          app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
      spec:
        replicas: 1
        selector:
          matchLabels:
            control-plane: controller-manager
        template:
          metadata:
            labels:
              control-plane: controller-manager
          spec:
            containers:
            - name: manager
              image: ghcr.io/kubestellar/kubestellar/controller-manager:{{.Chart.AppVersion}}
              args:
              - --wds-name={{ .Values.ControlPlaneName }}
              - --its-name={{ .Values.ITSName }}
              - --api-groups={{ .Values.APIGroups }}
              - -v={{ .Values.ControllerManager.Verbosity }}
      """;

  static final String CORE_CHART =
      """
      apiVersion: v2
      name: core-chart
      description: A Helm chart for creating a KubeStellar Core deployment on a Kubernetes or OpenShift cluster
      type: application

      # This is the chart version. The release workflow stamps it; keep the placeholder here.
      version: "0.1.0"

      # This is the version number of the application being deployed.
      appVersion: "0.1.0"

      # KubeStellar icon
      icon: https://raw.githubusercontent.com/kubestellar/kubestellar/main/docs/favicons/favicon.ico

      # List dependencies
      dependencies:
      - name: kubeflex-operator
        version: v@KUBEFLEX@
        repository: oci://ghcr.io/kubestellar/kubeflex/chart
        condition: kubeflex-operator.install
      """;

  static final String CORE_VALUES =
      """
      # Default values for KubeStellar-Core.
      # This is a YAML-formatted file.
      # Declare variables to be passed into your templates.

      # Container/chart image versions. These values are set during the chart release process,
      # please do not change them unless you know what you are doing.
      HELM_VERSION: "v@HELM@"
      CLUSTERADM_VERSION: "@CLUSTERADM@"
      KUBESTELLAR_VERSION: "@KS@"
      OCM_STATUS_ADDON_VERSION: "@OSA@"
      OCM_TRANSPORT_PLUGIN_VERSION: "@OTP@"

      # Control controller log verbosity
      verbosity:
        default: 2
        # kubestellar: 6
        # clusteradm: 6
        # transport: 6

      # KubeFlex override values
      kubeflex-operator:
        install: true
        # isOpenShift: false # set this variable to true when installing the chart in an OpenShift cluster

      # Determine if the Post Create Hooks should be installed by the chart
      InstallPCHs: true

      # List the Inventory and Transport Spaces (ITSes) to be created by the chart
      ITSes: # all the CPs in this list will execute the its.yaml PCH
        # - name: its1 # name of the control plane
        #   type: vcluster # optional type of control plane: host, vcluster, or external

      # List the Workload Description Spaces (WDSes) to be created by the chart
      WDSes: # all the CPs in this list will execute the wds.yaml PCH
        # - name: wds1 # name of the control plane
        #   ITSName: its1 # the ITS the WDS uses
      """;

  static final String ITS_PCH =
      """
      {{- if .Values.InstallPCHs }}
      apiVersion: tenancy.kflex.kubestellar.org/v1alpha1
      kind: PostCreateHook
      metadata:
        name: its
        labels:
          kflex.kubestellar.io/cptype: its
      spec:
        templates:
        - apiVersion: batch/v1
          kind: Job
          metadata:
            name: "{{"{{.HookName}}"}}"
          spec:
            template:
              spec:
                containers:
                - name: "{{"{{.HookName}}-clusteradm"}}"
                  image: quay.io/kubestellar/clusteradm:{{.Values.CLUSTERADM_VERSION}}
                  args:
                  - init
                  - -v={{.Values.verbosity.clusteradm | default .Values.verbosity.default | default 2 }}
                  - --wait
                  env:
                  - name: KUBECONFIG
                    value: "{{"/etc/kube/{{.ITSkubeconfig}}"}}"
                  volumeMounts:
                  - name: kubeconfig
                    mountPath: "/etc/kube"
                    readOnly: true
                - name: "{{"{{.HookName}}-statusaddon"}}"
                  image: quay.io/kubestellar/helm:{{.Values.HELM_VERSION}}
                  args:
                  - upgrade
                  - --install
                  - status-addon
                  - oci://ghcr.io/kubestellar/ocm-status-addon-chart
                  - --version
                  - v{{.Values.OCM_STATUS_ADDON_VERSION}}
                  - --namespace
                  - open-cluster-management
                  - --create-namespace
                  env:
                  - name: HELM_CONFIG_HOME
                    value: "/tmp"
                  - name: HELM_CACHE_HOME
                    value: "/tmp"
                  - name: KUBECONFIG
                    value: "{{"/etc/kube/{{.ITSkubeconfig}}"}}"
                  volumeMounts:
                  - name: kubeconfig
                    mountPath: "/etc/kube"
                    readOnly: true
                volumes:
                - name: kubeconfig
                  secret:
                    secretName: "{{"{{.ITSSecretName}}"}}"
                restartPolicy: Never
            backoffLimit: 1
      {{- end }}
      """;

  static final String WDS_PCH =
      """
      {{- if .Values.InstallPCHs }}
      apiVersion: tenancy.kflex.kubestellar.org/v1alpha1
      kind: PostCreateHook
      metadata:
        name: wds
        labels:
          kflex.kubestellar.io/cptype: wds
      spec:
        templates:
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata:
            name: "{{"{{.Namespace}}-{{.HookName}}"}}"
          roleRef:
            apiGroup: rbac.authorization.k8s.io
            kind: ClusterRole
            name: kubestellar-pch
          subjects:
          - kind: ServiceAccount
            name: default
            namespace: "{{"{{.Namespace}}"}}"
        - apiVersion: batch/v1
          kind: Job
          metadata:
            name: "{{"{{.HookName}}"}}"
          spec:
            template:
              spec:
                containers:
                - name: "{{"{{.HookName}}-kubestellar"}}"
                  image: quay.io/kubestellar/helm:{{.Values.HELM_VERSION}}
                  imagePullPolicy: IfNotPresent
                  args:
                  - upgrade
                  - --install
                  - --namespace
                  - "{{"{{.Namespace}}"}}"
                  - kubestellar
                  - oci://ghcr.io/kubestellar/kubestellar/controller-manager-chart
                  - --version
                  - {{.Values.KUBESTELLAR_VERSION}}
                  - --set
                  - "{{"ControlPlaneName={{.ControlPlaneName}}"}}"
                  - --set
                  - "{{"ITSName={{.ITSName}}"}}"
                  env:
                  - name: XDG_CACHE_HOME
                    value: /tmp/helm/.cache
                - name: "{{"{{.HookName}}-otp"}}"
                  image: quay.io/kubestellar/helm:{{.Values.HELM_VERSION}}
                  imagePullPolicy: IfNotPresent
                  args:
                  - upgrade
                  - --install
                  - --namespace
                  - "{{"{{.Namespace}}"}}"
                  - ocm-transport-plugin
                  - oci://ghcr.io/kubestellar/ocm-transport-plugin/chart/ocm-transport-plugin
                  - --version
                  - {{.Values.OCM_TRANSPORT_PLUGIN_VERSION}}
                  - --set
                  - "{{"wds_cp_name={{.ControlPlaneName}}"}}"
                  - --set
                  - "{{"transport_cp_name={{.ITSName}}"}}"
                  env:
                  - name: XDG_CACHE_HOME
                    value: /tmp/helm/.cache
                restartPolicy: Never
            backoffLimit: 1
      {{- end }}
      """;

  static final String CORE_NOTES =
      """
      For your convenience you will probably want to add contexts to your
      kubeconfig named after the non-host-type control planes (WDSes and
      ITSes) that you just created:

          kflex ctx --set-current-for-hosting
          {{- range .Values.ITSes }}
          kflex ctx --overwrite-existing-context {{ .name }}
          {{- end }}
      """;

  static final String OCM_PCH =
      """
      apiVersion: tenancy.kflex.kubestellar.org/v1alpha1
      kind: PostCreateHook
      metadata:
        name: ocm
        labels:
          kflex.kubestellar.io/cptype: its
      spec:
        templates:
        - apiVersion: batch/v1
          kind: Job
          metadata:
            name: "{{.HookName}}"
          spec:
            template:
              spec:
                containers:
                - name: "{{.HookName}}-ocm"
                  image: quay.io/kubestellar/clusteradm:@CLUSTERADM@
                  args:
                  - init
                  env:
                  - name: KUBECONFIG
                    value: "/etc/kube/config-incluster"
                  volumeMounts:
                  - name: kubeconfig
                    mountPath: "/etc/kube"
                    readOnly: true
                - name: "{{.HookName}}-statusaddon"
                  image: quay.io/kubestellar/helm:v@HELM@
                  args:
                    - upgrade
                    - --install
                    - status-addon
                    - oci://ghcr.io/kubestellar/ocm-status-addon-chart
                    - --version
                    - v@OSA@
                    - --namespace
                    - open-cluster-management
                    - --create-namespace
                  env:
                  - name: HELM_CONFIG_HOME
                    value: "/tmp"
                  - name: HELM_CACHE_HOME
                    value: "/tmp"
                  - name: KUBECONFIG
                    value: "/etc/kube/config-incluster"
                  volumeMounts:
                  - name: kubeconfig
                    mountPath: "/etc/kube"
                    readOnly: true
                volumes:
                - name: kubeconfig
                  secret:
                    secretName: vc-vcluster
                restartPolicy: Never
            backoffLimit: 1
      """;

  static final String KUBESTELLAR_PCH =
      """
      # What the kubestellar PostCreateHook's Job may do in the hosting cluster.
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: kubestellar-pch
      rules:
      - apiGroups:
        - tenancy.kflex.kubestellar.org
        resources:
        - controlplanes
        - controlplanes/status
        verbs:
        - get
        - list
        - watch
        - patch
        - update
      ---
      apiVersion: tenancy.kflex.kubestellar.org/v1alpha1
      kind: PostCreateHook
      metadata:
        name: kubestellar
        labels:
          kflex.kubestellar.io/cptype: wds
          app.kubernetes.io/version: "@KS@"
      spec:
        templates:
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata:
            name: "{{.Namespace}}-{{.HookName}}"
          roleRef:
            apiGroup: rbac.authorization.k8s.io
            kind: ClusterRole
            name: kubestellar-pch
          subjects:
          - kind: ServiceAccount
            name: default
            namespace: "{{.Namespace}}"
        - apiVersion: batch/v1
          kind: Job
          metadata:
            name: "{{.HookName}}"
          spec:
            template:
              spec:
                containers:
                - name: "{{.HookName}}"
                  image: quay.io/kubestellar/helm:v@HELM@
                  imagePullPolicy: IfNotPresent
                  args:
                    - upgrade
                    - --install
                    - --namespace
                    - "{{.Namespace}}"
                    - kubestellar
                    - oci://ghcr.io/kubestellar/kubestellar/controller-manager-chart
                    - --version
                    - "@KS@"
                    - --set
                    - "ControlPlaneName={{.ControlPlaneName}}"
                  env:
                  - name: XDG_CACHE_HOME
                    value: /tmp/helm/.cache
                - name: "{{.HookName}}-otp"
                  image: quay.io/kubestellar/helm:v@HELM@
                  imagePullPolicy: IfNotPresent
                  args:
                    - upgrade
                    - --install
                    - --namespace
                    - "{{.Namespace}}"
                    - ocm-transport-plugin
                    - oci://ghcr.io/kubestellar/ocm-transport-plugin/chart/ocm-transport-plugin
                    - --version
                    - "@OTP@"
                    - --set
                    - "wds_cp_name={{.ControlPlaneName}}"
                  env:
                  - name: XDG_CACHE_HOME
                    value: /tmp/helm/.cache
                restartPolicy: Never
            backoffLimit: 1
      """;

  static final String GET_STARTED =
      """
      # Getting Started with KubeStellar

      This page shows one concrete example of steps to create a single-host run of KubeStellar
      using the KubeStellar core Helm chart.

      ## Install software prerequisites

      ```shell
      bash <(curl https://raw.githubusercontent.com/kubestellar/kubestellar/v{{ config.ks_latest_regular_release }}/scripts/check_pre_req.sh) kflex ocm helm kubectl docker kind
      ```

      Install the KubeFlex CLI:

      ```shell
      curl -LO https://github.com/kubestellar/kubeflex/releases/download/v@KUBEFLEX@/kubeflex_@KUBEFLEX@_linux_amd64.tar.gz
      tar xzf kubeflex_@KUBEFLEX@_linux_amd64.tar.gz bin/kflex
      sudo install bin/kflex /usr/local/bin/kflex
      ```

      ## Set the versions

      ```shell
      export KUBESTELLAR_VERSION=@KS@
      export OCM_TRANSPORT_PLUGIN=@OTP@
      ```

      ## Create a kind cluster and the KubeStellar core

      ```shell
      bash <(curl -s https://raw.githubusercontent.com/kubestellar/kubestellar/v${KUBESTELLAR_VERSION}/scripts/create-kind-cluster-with-SSL-passthrough.sh) --name kubeflex --port 9443
      helm upgrade --install ks-core oci://ghcr.io/kubestellar/kubestellar/core-chart --version $KUBESTELLAR_VERSION \\
        --set-json='ITSes=[{"name":"its1"}]' \\
        --set-json='WDSes=[{"name":"wds1"}]'
      ```

      ## Add contexts for the ITS and the WDS

      ```shell
      kflex ctx --set-current-for-hosting
      kflex ctx --overwrite-existing-context wds1
      kflex ctx --overwrite-existing-context its1
      ```
      """;

  /** Appended by {@link KubestellarWorkspace.Fault#COUNT_MISMATCH}. */
  static final String GET_STARTED_UPGRADE =
      """

      ## Upgrading

      To move an existing installation to this release:

      ```shell
      export KUBESTELLAR_VERSION=0.29.0
      helm upgrade ks-core oci://ghcr.io/kubestellar/kubestellar/core-chart --version $KUBESTELLAR_VERSION
      ```
      """;

  static final String STEP_BY_STEP =
      """
      # Common Setup - step-by-step

      **This variant is out of service.** Use [Getting Started](get-started.md).

      1. Set environment variables to hold KubeStellar and OCM-transport-plugin desired versions:

          ```shell
          export KUBESTELLAR_VERSION=0.23.0
          export OCM_TRANSPORT_PLUGIN=0.1.11
          ```

      1. Update the post-create-hooks in KubeFlex to install kubestellar with the desired images:

          ```shell
          kubectl apply -f https://raw.githubusercontent.com/kubestellar/kubestellar/v${KUBESTELLAR_VERSION}/config/postcreate-hooks/kubestellar.yaml
          kubectl apply -f https://raw.githubusercontent.com/kubestellar/kubestellar/v${KUBESTELLAR_VERSION}/config/postcreate-hooks/ocm.yaml
          ```
      """;

  static final String PACKAGING =
      """
      # Packaging and Delivery

      ## WARNING

      Literal KubeStellar release numbers appear here, and are historical. The version of this
      document in a given release does not mention that release.

      ### Helm CLI container image

      The container image at `quay.io/kubestellar/helm:3.14.0` was built by `hack/build-helm-image.sh`.

      #### ocm PostCreateHook

      The PostCreateHook defined in `config/postcreate-hooks/ocm.yaml` gets used on an ITS to do two
      things: (1) initialize that space as an OCM "hub", using the image
      `quay.io/kubestellar/clusteradm:0.8.2`, and (2) install KubeStellar's OCM Status Add-On
      Controller there, using the Helm CLI in `quay.io/kubestellar/helm:v3.14.0`.
      """;

  static final String MKDOCS =
      """
      site_name: KubeStellar
      site_url: https://docs.kubestellar.io
      repo_url: https://github.com/kubestellar/kubestellar
      edit_uri: edit/main/docs/content/
      docs_dir: content

      theme:
        name: material
        features:
          - content.code.copy

      markdown_extensions:
        - admonition
        - pymdownx.superfences
        - pymdownx.tabbed:
            alternate_style: true

      plugins:
        - search
        - macros
        - include-markdown

      # Variables for the macros plugin: {{ config.ks_latest_release }} in a page.
      ks_branch: 'main'
      ks_tag: 'latest'
      ks_latest_release: '@KS@'
      ks_latest_regular_release: '@KS_REGULAR@'

      nav:
        - Home: index.md
        - Getting Started: direct/get-started.md
        - Packaging: direct/packaging.md
        - Release notes: direct/release-notes.md
      """;

  static final String CHECK_PRE_REQ =
      """
      #!/usr/bin/env bash
      # Copyright 2024 The KubeStellar Authors.
      #
      # Checks that the software KubeStellar needs is installed, e.g.
      #   bash <(curl -s https://raw.githubusercontent.com/kubestellar/kubestellar/main/scripts/check_pre_req.sh) kflex ocm helm kubectl
      # What each check means: https://docs.kubestellar.io/release-@KS@/direct/pre-reqs/

      set -e

      versions_json="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/hack/versions.json"

      is_installed() {
          if command -v "$2" >/dev/null 2>&1; then
              echo -e "\\033[0;32m\\xE2\\x9C\\x94\\033[0m $1"
          else
              echo -e "\\033[0;31mX\\033[0m $1 ($2) is missing" >&2
              exit 1
          fi
      }

      for what in "$@"; do
          case "$what" in
              (kflex)
                  is_installed KubeFlex kflex
                  echo "  wanted: $(jq -r '.releases["kubestellar/kubeflex"]' "$versions_json")";;
              (ocm) is_installed 'OCM CLI' clusteradm;;
              (helm) is_installed Helm helm;;
              (kubectl) is_installed kubectl kubectl;;
              (docker) is_installed Docker docker;;
              (kind) is_installed Kind kind;;
              (*) echo "$0: unknown program '$what'" >&2; exit 1;;
          esac
      done
      """;

  static final String DEPLOY_OTC =
      """
      #!/usr/bin/env bash
      # Copyright 2024 The KubeStellar Authors.
      #
      # Creates a Deployment in the hosting cluster that runs the OCM transport controller for one WDS.
      # Usage: deploy-transport-controller.sh WDS_NAME ITS_NAME [CONTEXT]

      set -e

      wds_name="$1"
      its_name="$2"
      context="${3:-kind-kubeflex}"

      kubectl --context "$context" apply -f - <<EOF
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: transport-controller
        namespace: ${wds_name}-system
      spec:
        replicas: 1
        selector:
          matchLabels:
            name: transport-controller
        template:
          metadata:
            labels:
              name: transport-controller
          spec:
            containers:
            - name: transport-controller
              image: ghcr.io/kubestellar/ocm-transport-plugin/transport-controller:@OTP@
              imagePullPolicy: IfNotPresent
              args:
              - --transport-kubeconfig=/mnt/shared/transport-kubeconfig
              - --wds-kubeconfig=/mnt/shared/wds-kubeconfig
              - --wds-name=${wds_name}
              - --transport-name=${its_name}
      EOF
      """;

  static final String E2E_SETUP =
      """
      #!/usr/bin/env bash
      # Copyright 2024 The KubeStellar Authors.
      #
      # Sets up KubeStellar for the end-to-end tests: from this checkout (the default),
      # or from a release (--released).

      set -x # echo so that users can understand what is happening
      set -e # exit on error

      use_release=false
      env=kind
      while [ $# != 0 ]; do
          case "$1" in
              (-h|--help) echo "$0 usage: [--released] [--env kind|ocp]"; exit 0;;
              (--released) use_release=true;;
              (--env) env="$2"; shift;;
              (*) echo "$0: unrecognized argument '$1'" >&2; exit 1;;
          esac
          shift
      done

      # The ocm-transport-plugin release whose plugin code goes into the locally built transport controller.
      ocm_transport_plugin_release=v@OTP@

      SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
      REPO_ROOT="$(cd "$SRC_DIR/../../.." && pwd)"
      WORK_DIR="$(mktemp -d -p /tmp)"
      trap 'rm -rf "$WORK_DIR"' EXIT

      : Create the hosting cluster and install KubeFlex
      kflex init --create-kind

      : Create the ocm PostCreateHook from the local YAML, and one ITS
      kubectl apply -f "${REPO_ROOT}/config/postcreate-hooks/ocm.yaml"
      kflex create its1 --type vcluster -p ocm

      if [ "$use_release" = true ]; then
          kubectl apply -f "${REPO_ROOT}/config/postcreate-hooks/kubestellar.yaml"
          kflex create wds1 -p kubestellar
      else
          kflex create wds1 --type k8s
          : Build the controller-manager image from local sources and load it
          kcm_tag="local-$(git -C "$REPO_ROOT" rev-parse --short HEAD)"
          make -C "$REPO_ROOT" ko-build-controller-manager-local IMAGE_TAG="$kcm_tag"
          kind load docker-image "ko.local/controller-manager:${kcm_tag}" --name kubeflex
          : Point the local chart at that image, install it, then undo the change
          sed -i "s|ghcr.io/kubestellar/kubestellar/controller-manager:{{.Chart.AppVersion}}|ko.local/controller-manager:${kcm_tag}|" \\
              "${REPO_ROOT}/chart/templates/controller-manager.yaml"
          helm upgrade --install kubestellar "${REPO_ROOT}/chart" --set ControlPlaneName=wds1 --set ITSName=its1
          git -C "$REPO_ROOT" checkout -- chart/templates/controller-manager.yaml
          : Build the transport controller from local sources and the plugin release
          git clone --depth 1 --branch "$ocm_transport_plugin_release" https://github.com/kubestellar/ocm-transport-plugin "$WORK_DIR/ocm-transport-plugin"
          make -C "$REPO_ROOT" build-transport-controller OCM_TRANSPORT_PLUGIN_DIR="$WORK_DIR/ocm-transport-plugin"
          "${REPO_ROOT}/scripts/deploy-transport-controller.sh" wds1 its1
      fi
      """;

  static final String VERSIONS_JSON =
      """
      {
        "description": "Component versions used by test/e2e and scripts/check_pre_req.sh",
        "releases": {
          "kubestellar/kubeflex": "v@KUBEFLEX@",
          "kubestellar/ocm-transport-plugin": "v@OTP@"
        },
        "images": {
          "quay.io/kubestellar/clusteradm": "@CLUSTERADM@",
          "quay.io/kubestellar/helm": "v@HELM@"
        }
      }
      """;

  /** Written by {@link KubestellarWorkspace.Fault#UNDECLARED_IMAGE}. */
  static final String TROUBLESHOOTING =
      """
      # Troubleshooting

      ## The controller-manager does not start

      Compare your Deployment with a known good one:

      ```yaml
      containers:
      - name: manager
        image: ghcr.io/kubestellar/kubestellar/controller-manager:0.28.0
      ```
      """;

  /** Written by {@link KubestellarWorkspace.Fault#UNDECLARED_CHART}. */
  static final String INSTALL_STATUS_ADDON =
      """
      #!/usr/bin/env bash
      # Installs the OCM status add-on into an ITS by hand, for debugging.
      set -e
      context="${1:-its1}"
      helm --kube-context "$context" install status-addon oci://ghcr.io/kubestellar/ocm-status-addon-chart --version v0.1.0 --namespace open-cluster-management --create-namespace
      """;

  static String releaseNotes(List<String> releases) {
    StringBuilder sb =
        new StringBuilder("# Release notes\n\nThe literal versions below are historical.\n");
    for (String r : releases) {
      sb.append("\n## ")
          .append(r)
          .append("\n\n")
          .append("- Images: `ghcr.io/kubestellar/kubestellar/controller-manager:")
          .append(r)
          .append("`\n")
          .append(
              "- Core chart: `helm install ks-core oci://ghcr.io/kubestellar/kubestellar/core-chart --version ")
          .append(r)
          .append("`\n");
    }
    return sb.toString();
  }

  /** Files with no version in them, the same at every release. */
  static final Map<String, String> FIXED = new LinkedHashMap<>();

  /** Files that name versions, written with the versions of each release. */
  static final Map<String, String> TEMPLATED = new LinkedHashMap<>();

  static {
    FIXED.put("README.md", README);
    FIXED.put("Makefile", MAKEFILE);
    FIXED.put("cmd/controller-manager/main.go", MAIN_GO);
    FIXED.put("cmd/ocm-transport-controller/main.go", OTC_MAIN_GO);
    FIXED.put(".github/workflows/goreleaser.yml", GORELEASER_WORKFLOW);
    FIXED.put("chart/Chart.yaml", KCM_CHART);
    FIXED.put("chart/values.yaml", KCM_VALUES);
    FIXED.put("chart/templates/controller-manager.yaml", KCM_DEPLOYMENT);
    FIXED.put("core-chart/templates/postcreatehooks/its.yaml", ITS_PCH);
    FIXED.put("core-chart/templates/postcreatehooks/wds.yaml", WDS_PCH);
    FIXED.put("core-chart/templates/NOTES.txt", CORE_NOTES);
    FIXED.put("docs/content/direct/setup-step-by-step.md", STEP_BY_STEP);
    FIXED.put("docs/content/direct/packaging.md", PACKAGING);

    TEMPLATED.put("go.mod", GO_MOD);
    TEMPLATED.put("core-chart/Chart.yaml", CORE_CHART);
    TEMPLATED.put("core-chart/values.yaml", CORE_VALUES);
    TEMPLATED.put("config/postcreate-hooks/ocm.yaml", OCM_PCH);
    TEMPLATED.put("config/postcreate-hooks/kubestellar.yaml", KUBESTELLAR_PCH);
    TEMPLATED.put("docs/content/direct/get-started.md", GET_STARTED);
    TEMPLATED.put("docs/mkdocs.yml", MKDOCS);
    TEMPLATED.put("scripts/check_pre_req.sh", CHECK_PRE_REQ);
    TEMPLATED.put("scripts/deploy-transport-controller.sh", DEPLOY_OTC);
    TEMPLATED.put("test/e2e/common/setup-kubestellar.sh", E2E_SETUP);
    TEMPLATED.put("hack/versions.json", VERSIONS_JSON);
  }
}

package dev.lockstep.testing;

/**
 * Contents of the kubeflex, ocm-status-addon and ocm-transport-plugin repos of {@link
 * KubestellarWorkspace}, modelled on the real repos. {@code @KS@} and {@code @OSA@} mark the
 * versions that change between commits.
 */
final class OtherRepoFiles {
  private OtherRepoFiles() {}

  // ------------------------------------------------------------------ kubeflex

  static final String KUBEFLEX_README =
      """
      # KubeFlex

      A flexible and scalable platform for running Kubernetes control plane APIs.

      Install the `kflex` CLI from a [release](https://github.com/kubestellar/kubeflex/releases)
      and run `kflex init --create-kind`.
      """;

  static final String KUBEFLEX_README_MORE =
      """

      ## PostCreateHooks

      A PostCreateHook template can use `{{.Namespace}}`, `{{.ControlPlaneName}}` and `{{.HookName}}`.
      """;

  static final String KUBEFLEX_GO_MOD =
      """
      module github.com/kubestellar/kubeflex

      go 1.22.0

      require (
      \tk8s.io/api v0.29.2
      \tk8s.io/client-go v0.29.2
      \tsigs.k8s.io/controller-runtime v0.17.2
      )
      """;

  static final String KUBEFLEX_CHART =
      """
      apiVersion: v2
      name: kubeflex-operator
      description: Helm chart to install the KubeFlex operator
      type: application
      version: 0.4.0
      appVersion: 0.4.0
      dependencies:
      - name: postgresql
        version: 13.1.5
        repository: oci://registry-1.docker.io/bitnamicharts
        condition: installPostgreSQL
      """;

  static final String KUBEFLEX_VALUES =
      """
      # Install the PostgreSQL chart the shared control planes need
      installPostgreSQL: true
      isOpenShift: false
      domain: localtest.me
      externalPort: 9443
      hostContainer: kubeflex-control-plane
      verbosity: 0
      """;

  static final String KUBEFLEX_OPERATOR =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: kubeflex-controller-manager
        namespace: kubeflex-system
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
              image: ghcr.io/kubestellar/kubeflex/manager:{{.Chart.AppVersion}}
              args:
              - --leader-elect
              - -v={{.Values.verbosity}}
      """;

  // ------------------------------------------------------------------ ocm-status-addon

  static final String OSA_GO_MOD =
      """
      module github.com/kubestellar/ocm-status-addon

      go 1.22.0

      require (
      \topen-cluster-management.io/addon-framework v0.9.1
      \topen-cluster-management.io/api v0.13.0
      \tk8s.io/client-go v0.29.2
      )
      """;

  static final String OSA_MAKEFILE =
      """
      KO_DOCKER_REPO ?= ghcr.io/kubestellar
      IMAGE_TAG ?= $(shell git describe --tags --always)
      ARCH ?= $(shell go env GOARCH)

      .PHONY: ko-local-build
      ko-local-build:
      \tKO_DOCKER_REPO=ko.local ko build --platform linux/$(ARCH) --bare --tags $(IMAGE_TAG) ./cmd/ocm-status-addon
      """;

  static final String OSA_MAIN_GO =
      """
      package main

      import "k8s.io/klog/v2"

      // One image, two roles: "controller" in the OCM hub, "agent" on each managed cluster.
      func main() {
      \tklog.Info("starting ocm-status-addon")
      }
      """;

  static final String OSA_RELEASE_DOC =
      """
      # Making a release

      1. Tag the commit: `git tag v$VERSION && git push origin v$VERSION`.
      2. The goreleaser workflow builds `ghcr.io/kubestellar/ocm-status-addon:$VERSION` and publishes
         the chart at `oci://ghcr.io/kubestellar/ocm-status-addon-chart` with version `v$VERSION`.
      3. Update `image.tag` in `chart/values.yaml` to `$VERSION` on main.
      """;

  static final String OSA_CHART =
      """
      apiVersion: v2
      name: ocm-status-addon-chart
      description: Helm chart to install the status-addon operator
      type: application
      version: 0.1.0
      appVersion: 0.1.0
      """;

  static final String OSA_VALUES =
      """
      # Default values for status-addon.
      # This is a YAML-formatted file.
      # Declare variables to be passed into your templates.

      image:
        repository: ghcr.io/kubestellar/ocm-status-addon
        tag: "@OSA@"
        pullPolicy: IfNotPresent

      # Set the controller verbosity
      controller:
        verbosity: 2

      # Set the agent verbosity
      agent:
        verbosity: 2
        hub_burst: 10
        hub_qps: 5
      """;

  static final String OSA_OPERATOR =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: status-addon-controller
        namespace: open-cluster-management
      spec:
        replicas: 1
        selector:
          matchLabels:
            app: status-addon-controller
        template:
          metadata:
            labels:
              app: status-addon-controller
          spec:
            serviceAccountName: status-addon-controller
            containers:
            - name: status-addon-controller
              image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
              imagePullPolicy: {{ .Values.image.pullPolicy }}
              args:
              - controller
              - --agent-image={{ .Values.image.repository }}:{{ .Values.image.tag }}
              - -v={{ .Values.controller.verbosity }}
      """;

  static final String OSA_README =
      """
      # OCM Status Add-on

      An [Open Cluster Management add-on](https://open-cluster-management.io/concepts/addon/) that
      reports the status of the workload objects that KubeStellar delivers to managed clusters.

      It is installed by [KubeStellar](https://github.com/kubestellar/kubestellar): see
      [how KubeStellar packages it](https://docs.kubestellar.io/release-@KS@/direct/packaging/#ocm-status-addon)
      and [the architecture](https://docs.kubestellar.io/release-@KS@/direct/architecture/#ocm-status-add-on).

      ## Build

      `make ko-local-build` builds a single-platform image among your local images.
      """;

  // ------------------------------------------------------------------ ocm-transport-plugin

  static final String OTP_README =
      """
      # OCM Transport Plugin

      The transport plugin of KubeStellar for Open Cluster Management. It is built together with the
      generic transport controller of KubeStellar into the OCM transport controller image
      `ghcr.io/kubestellar/ocm-transport-plugin/transport-controller`.

      This code is moving into the kubestellar repo.
      """;

  static final String OTP_GO_MOD =
      """
      module github.com/kubestellar/ocm-transport-plugin

      go 1.22.0

      require (
      \tgithub.com/kubestellar/kubestellar v@KS@
      \topen-cluster-management.io/api v0.13.0
      \tk8s.io/apimachinery v0.29.0
      \tk8s.io/client-go v0.29.2
      )
      """;

  static final String OTP_MAIN_GO =
      """
      package main

      import "k8s.io/klog/v2"

      func main() {
      \tklog.Info("starting transport controller with the OCM plugin")
      }
      """;

  static final String OTP_CHART =
      """
      # Copyright 2024 The KubeStellar Authors.
      #
      # Licensed under the Apache License, Version 2.0 (the "License");
      # you may not use this file except in compliance with the License.

      apiVersion: v2
      name: ocm-transport-plugin
      description: Helm chart to install the OCM transport operator
      type: application
      version: 0.1.0 # automatically set by goreleaser helm package
      appVersion: 0.1.0 # automatically set by goreleaser helm package
      """;

  static final String OTP_VALUES =
      """
      # Set the name of the transport control plane
      transport_cp_name: its1

      # Set the name of the WDS control plane
      wds_cp_name: wds1

      # Log verbosity of the transport controller
      verbosity: 4
      """;

  static final String OTP_CONTROLLER =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: transport-controller
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
              image: ghcr.io/kubestellar/ocm-transport-plugin/transport-controller:{{ .Chart.AppVersion }}
              args:
              - --transport-name={{ .Values.transport_cp_name }}
              - --wds-name={{ .Values.wds_cp_name }}
              - -v={{ .Values.verbosity }}
      """;
}

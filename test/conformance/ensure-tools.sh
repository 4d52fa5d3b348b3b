#!/usr/bin/env bash
# The conformance tests run tools nobody on this team wrote. This installs the missing ones from Debian's
# packages when it can (as root), and otherwise says exactly what to install; the tests themselves fail,
# never skip, when a tool is missing. libfaketime (package faketime) steps the wall clock of a real
# `courier serve` in test/service/clock-steps.test.ts. promtool (package prometheus, which also brings the
# Prometheus server: only its checker is run) lints /metrics in test/http/metrics.test.ts. varnishd (package
# varnish), redis-server and nginx (package nginx-light) run the scale-out proof in test/scale/; the
# tests start their own on free ports of 127.0.0.1, whatever the packages' own services do. Debian's chromium,
# driven by playwright-core (which never downloads a browser), opens the index page and the feeds in
# test/http/browser.test.ts.
set -euo pipefail
need=()
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v trang >/dev/null 2>&1 || need+=(trang)
command -v newsboat >/dev/null 2>&1 || need+=(newsboat)
/usr/bin/python3 -c 'import feedparser' >/dev/null 2>&1 || need+=(python3-feedparser)
command -v faketime >/dev/null 2>&1 || need+=(faketime)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ] || need+=(varnish)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} for the tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "The tests need: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi

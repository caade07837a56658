"""The container image runs: started in demo mode, it answers health, serves the bundle it
embeds, refuses the API without a token and answers it with one. Run by `cargo xtask test`.

Containers are started with podman. Some machines (this project's CI VMs among them) cannot
start one with podman's defaults: crun refuses hybrid cgroups, and the default open-files limit
is above what the VM grants. So the runs tried are: podman as configured; podman with runc and
this process's own limits; and, when no container can start at all, the image's exported
filesystem under chroot as its user, which still proves the static binary and the layout.

Usage: python check_image.py IMAGE_TAG
"""

import json
import os
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def limits():
    """Limits no higher than this process's and than runtrace needs (a VM can refuse even its
    own values for a new container)."""
    def limit(kind, most):
        soft, hard = resource.getrlimit(kind)
        value = most if hard == resource.RLIM_INFINITY else min(hard, most)
        return f"{value}:{value}"
    return [
        "--ulimit", f"nofile={limit(resource.RLIMIT_NOFILE, 16384)}",
        "--ulimit", f"nproc={limit(resource.RLIMIT_NPROC, 4096)}",
    ]


class Container:
    """A `podman run -d` container, removed on stop."""

    def __init__(self, podman_args, run_args, tag, command, env):
        self.name = f"runtrace-check-{secrets.token_hex(4)}"
        args = ["podman", *podman_args, "run", "-d", "--rm", "--name", self.name, *run_args]
        for key, value in env.items():
            args += ["-e", f"{key}={value}"]
        self.started = subprocess.run([*args, tag, *command], capture_output=True, text=True)
        self.podman_args = podman_args

    def ok(self):
        return self.started.returncode == 0

    def logs(self):
        return subprocess.run(["podman", *self.podman_args, "logs", self.name],
                              capture_output=True, text=True).stderr

    def stop(self):
        subprocess.run(["podman", *self.podman_args, "rm", "-f", self.name], capture_output=True)


class Chroot:
    """The image's filesystem, exported and run under chroot as the image's user, with the
    image's environment."""

    def __init__(self, tag, command, env):
        image_env = dict(item.split("=", 1) for item in image_config(tag).get("Env", []))
        env = {**image_env, **env}
        self.dir = tempfile.mkdtemp(prefix="runtrace-rootfs-")
        created = subprocess.run(["podman", "create", tag], capture_output=True, text=True, check=True)
        container = created.stdout.strip()
        archive = os.path.join(self.dir, "rootfs.tar")
        subprocess.run(["podman", "export", "-o", archive, container], check=True)
        subprocess.run(["podman", "rm", container], capture_output=True)
        self.root = os.path.join(self.dir, "rootfs")
        with tarfile.open(archive) as tar:
            tar.extractall(self.root, filter="tar")
        chroot = shutil.which("chroot") or "/usr/sbin/chroot"
        self.process = subprocess.Popen(
            [chroot, "--userspec=65532:65532", self.root, "/usr/local/bin/runtrace", *command],
            env={**env, "PATH": "/usr/local/bin"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def ok(self):
        return self.process.poll() is None

    def logs(self):
        return "" if self.process.poll() is None else self.process.stderr.read()

    def stop(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def get(url, token=None):
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers.get("content-type", ""), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("content-type", ""), error.read()


def wait_for_health(base, runner):
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            status, _, body = get(f"{base}/api/v1/health")
            if status == 200:
                return json.loads(body)
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        if not runner.ok():
            break
        time.sleep(0.5)
    sys.exit(f"the image did not answer health within 90 s:\n{runner.logs()}")


def image_config(tag):
    inspected = subprocess.run(["podman", "image", "inspect", tag], capture_output=True, text=True, check=True)
    return json.loads(inspected.stdout)[0]["Config"]


def check_config(config):
    problems = []
    if config.get("User") != "65532:65532":
        problems.append(f"runs as {config.get('User')!r}, not the non-root 65532")
    if "8080/tcp" not in config.get("ExposedPorts", {}):
        problems.append(f"exposes {config.get('ExposedPorts')}, not 8080")
    if "RUNTRACE_AUTH=token" not in config.get("Env", []):
        problems.append(f"its environment {config.get('Env')} does not make sign-in explicit")
    return problems


def main(tag):
    problems = check_config(image_config(tag))
    token = secrets.token_hex(16)
    env = {"RUNTRACE_TOKENS": f"operator:ci:{token}", "AWS_EC2_METADATA_DISABLED": "true"}
    port = free_port()
    command = ["demo", "--scenario", "movies", "--no-live"]
    attempts = [
        ([], ["-p", f"127.0.0.1:{port}:8080"]),
        (["--runtime", "runc"], ["-p", f"127.0.0.1:{port}:8080", *limits()]),
    ]
    runner = None
    for podman_args, run_args in attempts:
        container = Container(podman_args, run_args, tag, [*command, "--listen", "0.0.0.0:8080"], env)
        if container.ok():
            runner, how = container, "podman " + " ".join(podman_args + ["run"])
            break
        print(f"podman {' '.join(podman_args)} run could not start a container: "
              f"{container.started.stderr.strip()}")
    if runner is None:
        runner = Chroot(tag, [*command, "--listen", f"127.0.0.1:{port}"], env)
        how = "the exported filesystem under chroot (no container runtime works here)"
    base = f"http://127.0.0.1:{port}"
    try:
        health = wait_for_health(base, runner)
        if not health.get("ok"):
            problems.append(f"health says the emulator does not answer: {health}")
        status, kind, body = get(f"{base}/")
        if status != 200 or "text/html" not in kind or b"<script" not in body:
            problems.append(f"/ is {status} {kind}, not the bundle's page")
        status, _, _ = get(f"{base}/api/v1/services")
        if status != 401:
            problems.append(f"the API answered {status} without a token, not 401")
        status, _, body = get(f"{base}/api/v1/services", token)
        if status != 200 or b"movies_app" not in body:
            problems.append(f"the API answered {status} with a token: {body[:200]!r}")
    finally:
        runner.stop()
    if problems:
        sys.exit("the image is not right:\n  " + "\n  ".join(problems))
    print(f"the image {tag} runs ({how}): health {health.get('version')}, the bundle, the API "
          "behind its token, as user 65532 on port 8080")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

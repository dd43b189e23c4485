#!/usr/bin/env bash
# Make a virtual audio device for the capture tests (idempotent; safe to run again).
#
# A PulseAudio daemon with a null sink "sa_test": whatever is played into the sink
# (`paplay --device=sa_test`) comes out of its monitor source "sa_test.monitor", which is made the
# default source, so PortAudio's ALSA "pulse" (or "default") device records it.
#
# For the telehealth-call tests, a second null sink "sa_call" (the far end of a call) and an ALSA
# configuration naming the two monitors as two PortAudio inputs: "sa_mic_in" (what is played into
# sa_test: the clinician's microphone) and "sa_call_in" (what is played into sa_call: the call's
# audio). ALSA reads it when ALSA_CONFIG_PATH, printed below, is set; the same kind of entry in
# ~/.asoundrc is how a user names a monitor source for a call (README: Telehealth calls).
#
# The daemon listens on a fixed socket with anonymous auth, so clients find it whatever their
# XDG folders are (the test suite isolates those). Clients need:
#     export PULSE_SERVER=unix:/tmp/session-assistant-pulse/native
# which this script prints on its last line (eval "$(scripts/virtual-audio.sh)" sets it).
#
# Needs (Debian): pulseaudio pulseaudio-utils libasound2-plugins libportaudio2 espeak-ng sox.
# Installed with apt-get when missing and run as root; otherwise it says what is missing.
set -euo pipefail

SINK="${SA_TEST_SINK:-sa_test}"
CALL_SINK="${SA_CALL_SINK:-sa_call}"
SOCKET_DIR="${SA_PULSE_DIR:-/tmp/session-assistant-pulse}"
SOCKET="$SOCKET_DIR/native"
export PULSE_SERVER="unix:$SOCKET"

log() { echo "virtual-audio: $*" >&2; }

missing=()
command -v pulseaudio >/dev/null 2>&1 || missing+=(pulseaudio)
command -v pactl >/dev/null 2>&1 || missing+=(pulseaudio-utils)
command -v paplay >/dev/null 2>&1 || missing+=(pulseaudio-utils)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v sox >/dev/null 2>&1 || missing+=(sox)
ls /usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so >/dev/null 2>&1 || missing+=(libasound2-plugins)
ldconfig -p 2>/dev/null | grep -q 'libportaudio\.so' || missing+=(libportaudio2)

if ((${#missing[@]})); then
    # shellcheck disable=SC2207
    missing=($(printf '%s\n' "${missing[@]}" | sort -u))
    if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        log "missing packages: ${missing[*]} (install them, or run this script as root on Debian/Ubuntu)"
        exit 1
    fi
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; then
        apt-get update -qq
        apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
    fi
fi

if ! pactl info >/dev/null 2>&1; then
    mkdir -p "$SOCKET_DIR"
    chmod 0755 "$SOCKET_DIR"
    rm -f "$SOCKET"
    # -n: skip the distribution's default.pa (it wants udev, dbus and real cards); load only
    # what the tests need. --exit-idle-time=-1 keeps it up between tests.
    pulseaudio --daemonize=yes --exit-idle-time=-1 --disallow-exit=yes -n \
        --log-target=syslog \
        -L "module-native-protocol-unix auth-anonymous=1 socket=$SOCKET" \
        -L "module-null-sink sink_name=$SINK rate=48000 sink_properties=device.description=SessionAssistantTest" \
        >/dev/null 2>&1 || true
    for _ in $(seq 50); do
        pactl info >/dev/null 2>&1 && break
        sleep 0.1
    done
    if ! pactl info >/dev/null 2>&1; then
        log "the PulseAudio daemon did not start"
        exit 1
    fi
fi

if ! pactl list short sinks | awk '{print $2}' | grep -qx "$SINK"; then
    pactl load-module module-null-sink "sink_name=$SINK" rate=48000 \
        sink_properties=device.description=SessionAssistantTest >/dev/null
fi
if ! pactl list short sinks | awk '{print $2}' | grep -qx "$CALL_SINK"; then
    pactl load-module module-null-sink "sink_name=$CALL_SINK" rate=48000 \
        sink_properties=device.description=SessionAssistantCall >/dev/null
fi
pactl set-default-sink "$SINK"
pactl set-default-source "$SINK.monitor"

# Two ALSA inputs, one per monitor, for PortAudio (whose ALSA host API lists every pcm defined in
# the configuration). Written next to the socket, never into the user's own ~/.asoundrc.
# "sa_mic_twin_in" is a second input on the microphone's monitor: a sound played there reaches
# both streams at the same true moment, so a call recorded from sa_mic_in and sa_mic_twin_in shows
# how well the two channels are kept in step. (Two null sinks fed by a combine sink are no such
# reference: each renders in its own ~100 ms steps.)
ALSA_CONF="$SOCKET_DIR/asound-call.conf"
cat >"$ALSA_CONF.tmp" <<EOF
pcm.sa_mic_in { type pulse; device "$SINK.monitor"; hint { show on; description "Session Assistant test microphone" } }
pcm.sa_call_in { type pulse; device "$CALL_SINK.monitor"; hint { show on; description "Session Assistant test call audio" } }
pcm.sa_mic_twin_in { type pulse; device "$SINK.monitor"; hint { show on; description "Session Assistant test microphone, again" } }
EOF
mv "$ALSA_CONF.tmp" "$ALSA_CONF"
chmod 0644 "$ALSA_CONF"
SYSTEM_ALSA_CONF="$(ls /usr/share/alsa/alsa.conf 2>/dev/null || true)"
log "ready: sinks $SINK and $CALL_SINK, default source $SINK.monitor, server $PULSE_SERVER"
echo "export PULSE_SERVER=$PULSE_SERVER"
if [[ -n "$SYSTEM_ALSA_CONF" ]]; then
    echo "export ALSA_CONFIG_PATH=$SYSTEM_ALSA_CONF:$ALSA_CONF"
fi

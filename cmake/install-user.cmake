# install-user.cmake - copy the built plugin into this user's personal
# plugin folder for the Wireshark it was built against. Run at build time
# (cmake --build build --target install-user), so that HOME is the HOME of
# whoever installs, not of whoever configured.
#   cmake -DPLUGIN=/path/mailteach.so -DWS_VERSION=4.4 -P install-user.cmake
# WS_VERSION is the folder name Wireshark uses for its version: major.minor,
# or major-minor on macOS (Wireshark's CMakeLists sets PLUGIN_PATH_ID so,
# because macOS code signing takes folders with periods for bundles).
# SPDX-License-Identifier: GPL-2.0-or-later

if(NOT PLUGIN OR NOT WS_VERSION)
    message(FATAL_ERROR "usage: cmake -DPLUGIN=... -DWS_VERSION=major.minor -P install-user.cmake")
endif()

# Where Wireshark looks for personal plugins (wsutil/filesystem.c,
# get_plugins_pers_dir): %APPDATA%\Wireshark\plugins on Windows,
# ~/.local/lib/wireshark/plugins on Linux, macOS and other Unix; below it
# one folder per major.minor version and one per plugin type.
if(WIN32)
    if(NOT DEFINED ENV{APPDATA})
        message(FATAL_ERROR "APPDATA is not set: cannot find the personal plugin folder")
    endif()
    file(TO_CMAKE_PATH "$ENV{APPDATA}/Wireshark/plugins" base)
else()
    if(NOT DEFINED ENV{HOME} OR "$ENV{HOME}" STREQUAL "")
        message(FATAL_ERROR "HOME is not set: cannot find the personal plugin folder")
    endif()
    set(base "$ENV{HOME}/.local/lib/wireshark/plugins")
endif()

set(dir "${base}/${WS_VERSION}/epan")
file(MAKE_DIRECTORY "${dir}")
get_filename_component(name "${PLUGIN}" NAME)
file(COPY "${PLUGIN}" DESTINATION "${dir}")
message(STATUS "Installed ${dir}/${name}")
message(STATUS "Restart Wireshark; Help > About Wireshark > Plugins lists ${name}. "
               "Wireshark does not load personal plugins when it runs as root.")

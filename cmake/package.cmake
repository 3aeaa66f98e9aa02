# package.cmake - a Debian package of the plugin for the Wireshark it was
# built against: cd build && cpack
#
# A plugin is built for one Wireshark minor version and is refused by every
# other one, so there is one package per Debian release, each depending on
# that release's libwireshark ABI package (libwireshark16 is Wireshark 4.0
# on Debian 12, libwireshark18 is 4.4 on Debian 13, libwireshark19 is 4.6).
# The package is named wireshark-mailteach on every release; its Debian
# revision names the release: 0.1.0-1+deb12, 0.1.0-1+deb13, 0.1.0-1+sid.
#
# Dependencies come from dpkg-shlibdeps (packages dpkg-dev and file), as in
# Debian's own packages, so libwireshark<N> and GLib's package are named as
# the release names them (libglib2.0-0 or libglib2.0-0t64), with the
# versions their symbols files require.
# SPDX-License-Identifier: GPL-2.0-or-later

# The Debian release this is built on: deb12, deb13, ... or sid.
set(_release "")
if(EXISTS /etc/os-release)
    file(STRINGS /etc/os-release _id REGEX "^VERSION_ID=")
    if(_id MATCHES "^VERSION_ID=\"?([0-9]+)")
        set(_release "deb${CMAKE_MATCH_1}")
    endif()
endif()
if(NOT _release AND EXISTS /etc/debian_version)
    file(STRINGS /etc/debian_version _dv LIMIT_COUNT 1)
    if(_dv MATCHES "sid")
        set(_release "sid")
    endif()
endif()
set(MAILTEACH_DEB_RELEASE "${_release}" CACHE STRING
    "Debian release the package is for (deb12, deb13, sid); empty: none")

# The ABI package, from the soname of the libwireshark the plugin links.
get_target_property(_epan_soname epan IMPORTED_SONAME_NONE)
if(NOT _epan_soname)
    get_target_property(_epan_soname epan IMPORTED_SONAME_RELEASE)
endif()
set(MAILTEACH_LIBWIRESHARK_PACKAGE "")
if(_epan_soname MATCHES "^libwireshark\\.so\\.([0-9]+)$")
    set(MAILTEACH_LIBWIRESHARK_PACKAGE "libwireshark${CMAKE_MATCH_1}")
endif()

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "wireshark-mailteach")
set(CPACK_PACKAGE_VENDOR "mailteach")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "mailteach maintainers <mailteach@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Wireshark plugin that explains SMTP, POP3 and IMAP line by line")
set(CPACK_PACKAGE_DESCRIPTION
    "mailteach adds a subtree under every SMTP, POP3 and IMAP command and reply
that explains what it means, decodes Base64 and SASL exchanges, follows the
session and flags what a teacher would point at, beside Wireshark's own
dissection. Built for Wireshark ${Wireshark_VERSION}; it is installed in
Wireshark's system plugin folder and loads for every user, in Wireshark
and in tshark.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://www.wireshark.org/docs/wsug_html_chunked/ChPluginFolders.html")
if(MAILTEACH_DEB_RELEASE)
    set(CPACK_DEBIAN_PACKAGE_RELEASE "1+${MAILTEACH_DEB_RELEASE}")
else()
    set(CPACK_DEBIAN_PACKAGE_RELEASE "1")
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
find_program(MAILTEACH_DPKG_SHLIBDEPS dpkg-shlibdeps)
find_program(MAILTEACH_FILE file)
if(MAILTEACH_DPKG_SHLIBDEPS AND MAILTEACH_FILE)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
elseif(MAILTEACH_LIBWIRESHARK_PACKAGE)
    # without dpkg-dev: name the ABI package by hand
    message(STATUS "dpkg-shlibdeps or file not found: the package depends on "
                   "${MAILTEACH_LIBWIRESHARK_PACKAGE} only (apt-get install dpkg-dev file)")
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "${MAILTEACH_LIBWIRESHARK_PACKAGE} (>= ${Wireshark_VERSION})")
endif()
set(CPACK_DEBIAN_PACKAGE_ENHANCES "wireshark, tshark")

# Debian wants a copyright file with every package.
set(_doc "share/doc/${CPACK_PACKAGE_NAME}")
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/copyright"
"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: mailteach

Files: *
Copyright: mailteach contributors
License: GPL-2.0-or-later
 This program is free software; you can redistribute it and/or modify it
 under the terms of the GNU General Public License as published by the Free
 Software Foundation; either version 2 of the License, or (at your option)
 any later version.
 .
 On Debian systems, the complete text of the GNU General Public License
 version 2 can be found in /usr/share/common-licenses/GPL-2.
")
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/copyright" DESTINATION "${_doc}")
install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${_doc}")

include(CPack)

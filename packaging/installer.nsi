; NSIS script template of the Social Value Plan Builder installer.
; pynsist renders it (Jinja2, with double square brackets and square-bracket-percent markers; `ib` is pynsist's InstallerBuilder,
; `svp` the settings from packaging/build_installer.py) into packaging/build/pynsist/nsis/
; installer.nsi, and build_installer.py runs makensis on that.
;
; Unlike pynsist's own pyapp.nsi (MultiUser, asks for admin when it can), this installer is
; per user only: RequestExecutionLevel user, installs to
; %LOCALAPPDATA%\Programs\Social Value Plan Builder, writes only to HKCU, needs no admin
; rights and no network. Silent: setup.exe /S  (optional /D=C:\other\folder as the LAST
; argument). The uninstaller (also in Settings > Apps) removes the files, the Start-menu
; shortcut, the PATH entry and the .svplan file association; it leaves the user's plans and
; %LOCALAPPDATA%\svplan (settings, recovery copies, logs) alone.

!define PRODUCT_NAME "[[ib.appname]]"
!define PRODUCT_VERSION "[[ib.version]]"
!define PUBLISHER "[[ib.publisher]]"
!define INSTALLER_NAME "[[ib.installer_name]]"
!define PRODUCT_ICON "[[icon]]"
!define GUI_LAUNCHER "[[svp.gui_launcher]]"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\[[svp.app_id]]"
!define PROGID "[[svp.progid]]"
!define EXT "[[svp.extension]]"
!define PYTHONW '"$INSTDIR\Python\pythonw.exe"'
!define PYTHON '"$INSTDIR\Python\python.exe"'
; Windows 10 1703 (build 15063) is the first with the system ICU (icuuc.dll) Qt 6 links to.
!define MIN_BUILD [[svp.min_build]]
!define MIN_RELEASE "[[svp.min_release]]"
; The Qt release bundled here is tested by Qt on Windows 10 1809 (build 17763) and later.
!define QT_TESTED_BUILD [[svp.qt_tested_build]]
!define QT_TESTED_RELEASE "[[svp.qt_tested_release]]"

Unicode true
ManifestDPIAware true
ManifestSupportedOS all
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 64

Name "${PRODUCT_NAME} ${PRODUCT_VERSION}"
OutFile "${INSTALLER_NAME}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show
BrandingText "${PRODUCT_NAME} ${PRODUCT_VERSION}"

VIProductVersion "[[svp.vi_version]]"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT_NAME}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${PRODUCT_VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${PRODUCT_VERSION}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "FileDescription" "${PRODUCT_NAME} setup"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

!define MUI_ABORTWARNING
!define MUI_ICON "${PRODUCT_ICON}"
!define MUI_UNICON "${PRODUCT_ICON}"
!define MUI_WELCOMEPAGE_TEXT "This will install ${PRODUCT_NAME} ${PRODUCT_VERSION} for you only.$\r$\n$\r$\nIt needs no administrator rights and no internet connection.$\r$\n$\r$\nClick Next to continue."
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "Start ${PRODUCT_NAME}"
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchApp

!insertmacro MUI_PAGE_WELCOME
[% if license_file %]
!insertmacro MUI_PAGE_LICENSE "[[license_file]]"
[% endif %]
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "!${PRODUCT_NAME}" sec_app
  SectionIn RO
  SetShellVarContext current
  SetRegView 64
  SetOverwrite on

  ; An upgrade replaces the program files of the version before it entirely.
  ; (The user's settings and plans live elsewhere and are not touched.)
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\bin"

  SetOutPath "$INSTDIR\pkgs"
  File /r "pkgs\*.*"

  ; Files
[% for destination, group in grouped_files %]
  SetOutPath "[[destination]]"
  [% for file in group %]
  File "[[ file ]]"
  [% endfor %]
[% endfor %]

  ; Folders (Python, bin)
[% for dir, destination in ib.install_dirs %]
  SetOutPath "[[ pjoin(destination, dir) ]]"
  File /r "[[dir]]\*.*"
[% endfor %]

  ; Start-menu shortcut; its working folder is the user's Documents.
  SetOutPath "$DOCUMENTS"
[% for scname, sc in ib.shortcuts.items() %]
  CreateShortCut "$SMPROGRAMS\[[scname]].lnk" "[[ sc['target'] ]]" \
    '[[ sc['parameters'] ]]' "$INSTDIR\[[ sc['icon'] ]]" 0 SW_SHOWNORMAL "" \
    "Write a social value delivery plan and export it to Word"
[% endfor %]
  SetOutPath "$INSTDIR"

[% if has_commands %]
  ; The svplan command: add $INSTDIR\bin to the user's PATH (HKCU\Environment).
  DetailPrint "Adding $INSTDIR\bin to your PATH..."
  nsExec::ExecToLog '${PYTHON} -Es "$INSTDIR\_system_path.py" add_user "$INSTDIR\bin"'
  Pop $0
[% endif %]

  DetailPrint "Byte-compiling Python modules..."
  nsExec::ExecToLog '${PYTHON} -m compileall -q "$INSTDIR\pkgs"'
  Pop $0

  ; .svplan files open in the app (for this user: HKCU\Software\Classes).
  WriteRegStr HKCU "Software\Classes\${EXT}" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${EXT}" "Content Type" "[[svp.content_type]]"
  WriteRegStr HKCU "Software\Classes\${EXT}" "PerceivedType" "document"
  WriteRegStr HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "[[svp.type_name]]"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "FriendlyTypeName" "[[svp.type_name]]"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${PRODUCT_ICON},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell" "" "open"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "FriendlyAppName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" \
    '${PYTHONW} "$INSTDIR\${GUI_LAUNCHER}" "%1"'
  ; SHCNE_ASSOCCHANGED: Explorer picks up the new icon and open command now.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Uninstaller, and the entry in Settings > Apps (per user).
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${PRODUCT_VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_ICON}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  SetRegView 64

[% if has_commands %]
  ; While Python is still there: take $INSTDIR\bin off the user's PATH.
  nsExec::ExecToLog '${PYTHON} -Es "$INSTDIR\_system_path.py" remove_user "$INSTDIR\bin"'
  Pop $0
[% endif %]

  ; The file association, only where it is still ours.
  ReadRegStr $0 HKCU "Software\Classes\${EXT}" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKCU "Software\Classes\${EXT}" ""
    DeleteRegValue HKCU "Software\Classes\${EXT}" "Content Type"
    DeleteRegValue HKCU "Software\Classes\${EXT}" "PerceivedType"
  ${EndIf}
  DeleteRegValue HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\${EXT}\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\${EXT}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

[% for scname in ib.shortcuts %]
  Delete "$SMPROGRAMS\[[scname]].lnk"
[% endfor %]

  RMDir /r "$INSTDIR\pkgs"
[% for file, destination in ib.install_files %]
  Delete "[[pjoin(destination, file)]]"
[% endfor %]
[% for dir, destination in ib.install_dirs %]
  RMDir /r "[[pjoin(destination, dir)]]"
[% endfor %]
  Delete "$INSTDIR\uninstall.exe"
  ; Only removed when empty: never deletes anything the user put there.
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

Function LaunchApp
  SetOutPath "$DOCUMENTS"
  Exec '${PYTHONW} "$INSTDIR\${GUI_LAUNCHER}"'
  SetOutPath "$INSTDIR"
FunctionEnd

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${PRODUCT_NAME} needs 64-bit Windows 10 (version ${MIN_RELEASE}) or newer." /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} ${MIN_BUILD}
    MessageBox MB_OK|MB_ICONSTOP "${PRODUCT_NAME} needs Windows 10 version ${MIN_RELEASE} or newer, or Windows 11. Please update Windows first." /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  ${IfNot} ${AtLeastBuild} ${QT_TESTED_BUILD}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "This Windows 10 is older than version ${QT_TESTED_RELEASE}, the oldest the app's user interface library is tested on. ${PRODUCT_NAME} should work, but if it does not, please update Windows.$\r$\n$\r$\nInstall anyway?" /SD IDYES IDYES old_windows_ok
    SetErrorLevel 2
    Abort
    old_windows_ok:
  ${EndIf}
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ErrorMessages</name>
    <message>
        <source>%1 (%2)</source>
        <comment>@info error sentence (helper&apos;s detail, in English)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Something went wrong inside PassMirror.</source>
        <comment>@info error</comment>
        <translation>In PassMirror ist ein Fehler aufgetreten.</translation>
    </message>
    <message>
        <source>The helper did not understand the request.</source>
        <comment>@info error</comment>
        <translation>Der Helfer hat die Anfrage nicht verstanden.</translation>
    </message>
    <message>
        <source>The source folder %1 does not exist.</source>
        <comment>@info error</comment>
        <translation>Der Quellordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The source %1 is not a folder.</source>
        <comment>@info error</comment>
        <translation>Die Quelle %1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>You cannot read the source folder %1.</source>
        <comment>@info error</comment>
        <translation>Sie können den Quellordner %1 nicht lesen.</translation>
    </message>
    <message>
        <source>The mount point %1 does not exist.</source>
        <comment>@info error</comment>
        <translation>Der Einhängepunkt %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The mount point %1 is not a folder.</source>
        <comment>@info error</comment>
        <translation>Der Einhängepunkt %1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>The mount point %1 is not empty; choose an empty folder.</source>
        <comment>@info error</comment>
        <translation>Der Einhängepunkt %1 ist nicht leer; wählen Sie einen leeren Ordner.</translation>
    </message>
    <message>
        <source>The mount point %1 does not belong to you.</source>
        <comment>@info error</comment>
        <translation>Der Einhängepunkt %1 gehört Ihnen nicht.</translation>
    </message>
    <message>
        <source>The mount point %1 is inside the source folder %2.</source>
        <comment>@info error</comment>
        <translation>Der Einhängepunkt %1 liegt im Quellordner %2.</translation>
    </message>
    <message>
        <source>The source folder %1 is inside the mount point %2.</source>
        <comment>@info error</comment>
        <translation>Der Quellordner %1 liegt im Einhängepunkt %2.</translation>
    </message>
    <message>
        <source>Kernel passthrough is not available on this system; set the data path of %1 to automatic.</source>
        <comment>@info error</comment>
        <translation>Kernel-Passthrough ist auf diesem System nicht verfügbar; stellen Sie den Datenweg von %1 auf automatisch.</translation>
    </message>
    <message>
        <source>The kernel refused to mount %1.</source>
        <comment>@info error</comment>
        <translation>Der Kernel hat das Einhängen von %1 verweigert.</translation>
    </message>
    <message>
        <source>PassMirror lacks a privilege it needs to mount %1.</source>
        <comment>@info error</comment>
        <translation>PassMirror fehlt ein Recht, das zum Einhängen von %1 nötig ist.</translation>
    </message>
    <message>
        <source>Your user account could not be found.</source>
        <comment>@info error</comment>
        <translation>Ihr Benutzerkonto wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The path %1 is not valid: it must be absolute, in UTF-8 and free of symbolic links.</source>
        <comment>@info error</comment>
        <translation>Der Pfad %1 ist ungültig: Er muss absolut, in UTF-8 und frei von symbolischen Verknüpfungen sein.</translation>
    </message>
    <message>
        <source>You have reached the limit of mirrors; unmount one before mounting %1.</source>
        <comment>@info error</comment>
        <translation>Sie haben die Höchstzahl an Spiegeln erreicht; hängen Sie einen aus, bevor Sie %1 einhängen.</translation>
    </message>
    <message>
        <source>There is no mirror at %1.</source>
        <comment>@info error</comment>
        <translation>Unter %1 ist kein Spiegel eingehängt.</translation>
    </message>
    <message>
        <source>The mirror at %1 is in use.</source>
        <comment>@info error</comment>
        <translation>Der Spiegel unter %1 wird verwendet.</translation>
    </message>
    <message>
        <source>You are not allowed to do this, or the authentication was cancelled.</source>
        <comment>@info error</comment>
        <translation>Sie dürfen das nicht tun, oder die Authentifizierung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The PassMirror helper could not be reached; check that PassMirror is installed completely.</source>
        <comment>@info error</comment>
        <translation>Der PassMirror-Helfer ist nicht erreichbar; prüfen Sie, ob PassMirror vollständig installiert ist.</translation>
    </message>
    <message>
        <source>The helper did not answer in time.</source>
        <comment>@info error</comment>
        <translation>Der Helfer hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The mirror daemon for %1 stopped unexpectedly.</source>
        <comment>@info error</comment>
        <translation>Der Spiegel-Dienst für %1 wurde unerwartet beendet.</translation>
    </message>
    <message>
        <source>This kernel has no FUSE over io_uring.</source>
        <comment>@info error</comment>
        <translation>Dieser Kernel bietet kein FUSE über io_uring.</translation>
    </message>
    <message>
        <source>Unknown error %1.</source>
        <comment>@info error</comment>
        <translation>Unbekannter Fehler %1.</translation>
    </message>
    <message>
        <source>The source %1 is, or contains, a system folder of the kernel (such as /proc or /sys), which cannot be mirrored.</source>
        <comment>@info error</comment>
        <translation>Die Quelle %1 ist ein Systemordner des Kernels (wie /proc oder /sys) oder enthält einen; sie kann nicht gespiegelt werden.</translation>
    </message>
    <message>
        <source>The path %1 is not valid: it must be absolute, in UTF-8, without control characters and free of symbolic links.</source>
        <comment>@info error</comment>
        <translation>Der Pfad %1 ist ungültig: Er muss absolut, in UTF-8, ohne Steuerzeichen und frei von symbolischen Verknüpfungen sein.</translation>
    </message>
</context>
<context>
    <name>PassMirror::Application</name>
    <message>
        <source>Quit PassMirror</source>
        <comment>@title:window</comment>
        <translation>PassMirror beenden</translation>
    </message>
    <message numerus="yes">
        <source>%n mirror(s) are mounted. Unmount them before quitting, or leave them running?</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n Spiegel ist eingehängt. Vor dem Beenden aushängen oder weiterlaufen lassen?</numerusform>
            <numerusform>%n Spiegel sind eingehängt. Vor dem Beenden aushängen oder weiterlaufen lassen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Unmount and Quit</source>
        <comment>@action:button</comment>
        <translation>Aushängen und beenden</translation>
    </message>
    <message>
        <source>Leave Running and Quit</source>
        <comment>@action:button</comment>
        <translation>Weiterlaufen lassen und beenden</translation>
    </message>
    <message>
        <source>Start in the tray without showing the window</source>
        <comment>@info:shell command-line option</comment>
        <translation>Im Systemabschnitt starten, ohne das Fenster zu zeigen</translation>
    </message>
    <message>
        <source>Mount the mirrors marked &quot;mount at login&quot;</source>
        <comment>@info:shell command-line option</comment>
        <translation>Die mit „bei Anmeldung einhängen“ markierten Spiegel einhängen</translation>
    </message>
</context>
<context>
    <name>PassMirror::DetailsPanel</name>
    <message>
        <source>Mirror details</source>
        <comment>@info:accessible</comment>
        <translation>Spiegeldetails</translation>
    </message>
    <message>
        <source>State:</source>
        <comment>@label</comment>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Source:</source>
        <comment>@label</comment>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>Mount point:</source>
        <comment>@label</comment>
        <translation>Einhängepunkt:</translation>
    </message>
    <message>
        <source>Data path:</source>
        <comment>@label</comment>
        <translation>Datenweg:</translation>
    </message>
    <message>
        <source>Open now:</source>
        <comment>@label files and folders open in the mirror</comment>
        <translation>Jetzt geöffnet:</translation>
    </message>
    <message>
        <source>Bytes:</source>
        <comment>@label</comment>
        <translation>Bytes:</translation>
    </message>
    <message>
        <source>Opens served:</source>
        <comment>@label</comment>
        <translation>Bediente Öffnungen:</translation>
    </message>
    <message>
        <source>Requests and errors per operation</source>
        <comment>@info:accessible table</comment>
        <translation>Anfragen und Fehler je Operation</translation>
    </message>
    <message>
        <source>Operation</source>
        <comment>@title:column</comment>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Requests</source>
        <comment>@title:column</comment>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Errors</source>
        <comment>@title:column</comment>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>No mirror selected</source>
        <comment>@info</comment>
        <translation>Kein Spiegel ausgewählt</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>@info state — why</comment>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1 files, %2 folders</source>
        <comment>@info open now</comment>
        <translation>%1 Dateien, %2 Ordner</translation>
    </message>
    <message>
        <source>%1 read, %2 written through the daemon</source>
        <comment>@info</comment>
        <translation>%1 gelesen, %2 geschrieben über den Dienst</translation>
    </message>
    <message>
        <source>%1 by kernel passthrough, %2 in userspace, %3 fell back</source>
        <comment>@info</comment>
        <translation>%1 per Kernel-Passthrough, %2 im Userspace, %3 zurückgefallen</translation>
    </message>
    <message>
        <source>Operation columns</source>
        <comment>@info:accessible</comment>
        <translation>Spalten der Operationen</translation>
    </message>
    <message>
        <source>/dev/fuse</source>
        <comment>@info FUSE transport (a device file name)</comment>
        <translation>/dev/fuse</translation>
    </message>
    <message>
        <source>FUSE over io_uring</source>
        <comment>@info FUSE transport</comment>
        <translation>FUSE über io_uring</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <comment>@info FUSE transport not reported yet</comment>
        <translation>Noch nicht bekannt</translation>
    </message>
    <message>
        <source>Requests via:</source>
        <comment>@label how FUSE requests reach the daemon</comment>
        <translation>Anfragen über:</translation>
    </message>
</context>
<context>
    <name>PassMirror::IoUringDialog</name>
    <message>
        <source>FUSE over io_uring</source>
        <comment>@title:window</comment>
        <translation>FUSE über io_uring</translation>
    </message>
    <message>
        <source>FUSE over io_uring lets the kernel hand requests to mirror daemons through shared rings instead of the /dev/fuse device, which makes opening and closing files faster. It is a switch of the kernel for the whole computer: every FUSE file system mounted after the change, by any user, may use it. Mirrors already mounted keep their transport until they are mounted again. The kernel forgets the setting when the computer restarts.</source>
        <comment>@info</comment>
        <translation>Mit FUSE über io_uring übergibt der Kernel Anfragen an die Spiegel-Dienste über gemeinsame Ringe statt über das Gerät /dev/fuse; das Öffnen und Schließen von Dateien wird dadurch schneller. Es ist ein Schalter des Kernels für den ganzen Computer: Jedes FUSE-Dateisystem, das nach der Änderung eingehängt wird, von jedem Benutzer, darf es verwenden. Bereits eingehängte Spiegel behalten ihren Transportweg, bis sie neu eingehängt werden. Der Kernel vergisst die Einstellung beim Neustart des Computers.</translation>
    </message>
    <message>
        <source>Kernel switch:</source>
        <comment>@label</comment>
        <translation>Kernel-Schalter:</translation>
    </message>
    <message>
        <source>Kernel switch</source>
        <comment>@label accessible</comment>
        <translation>Kernel-Schalter</translation>
    </message>
    <message>
        <source>&amp;Use FUSE over io_uring on this computer</source>
        <comment>@option:check</comment>
        <translation>FUSE über io_uring auf diesem Computer &amp;verwenden</translation>
    </message>
    <message>
        <source>Changing it needs administrator authentication.</source>
        <comment>@info</comment>
        <translation>Zum Ändern ist eine Authentifizierung als Administrator nötig.</translation>
    </message>
    <message>
        <source>Result</source>
        <comment>@label accessible</comment>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <comment>@action:button change the kernel switch</comment>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>On</source>
        <comment>@info kernel switch</comment>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Off</source>
        <comment>@info kernel switch</comment>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Not available: this kernel has no FUSE over io_uring (Linux 6.14 or newer built with CONFIG_FUSE_IO_URING)</source>
        <comment>@info kernel switch</comment>
        <translation>Nicht verfügbar: Dieser Kernel bietet kein FUSE über io_uring (Linux 6.14 oder neuer mit CONFIG_FUSE_IO_URING)</translation>
    </message>
    <message>
        <source>Asking for administrator authentication…</source>
        <comment>@info</comment>
        <translation>Authentifizierung als Administrator wird angefordert …</translation>
    </message>
    <message>
        <source>FUSE over io_uring is on; mirrors mounted from now on may use it.</source>
        <comment>@info</comment>
        <translation>FUSE über io_uring ist eingeschaltet; ab jetzt eingehängte Spiegel dürfen es verwenden.</translation>
    </message>
    <message>
        <source>FUSE over io_uring is off; mirrors mounted from now on use /dev/fuse.</source>
        <comment>@info</comment>
        <translation>FUSE über io_uring ist ausgeschaltet; ab jetzt eingehängte Spiegel verwenden /dev/fuse.</translation>
    </message>
    <message>
        <source>Use FUSE over io_uring on this computer</source>
        <comment>@option:check accessible</comment>
        <translation>FUSE über io_uring auf diesem Computer verwenden</translation>
    </message>
</context>
<context>
    <name>PassMirror::MainWindow</name>
    <message>
        <source>PassMirror</source>
        <comment>@title:window</comment>
        <translation>PassMirror</translation>
    </message>
    <message>
        <source>Mirrors</source>
        <comment>@info:accessible list</comment>
        <translation>Spiegel</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <comment>@action:button hide the message</comment>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <comment>@action:button accessible</comment>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>@info mirror name: what went wrong</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&amp;Add Mirror…</source>
        <comment>@action</comment>
        <translation>Spiegel &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <comment>@action</comment>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <comment>@action</comment>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Mount</source>
        <comment>@action</comment>
        <translation>&amp;Einhängen</translation>
    </message>
    <message>
        <source>&amp;Unmount</source>
        <comment>@action</comment>
        <translation>&amp;Aushängen</translation>
    </message>
    <message>
        <source>&amp;Open in File Manager</source>
        <comment>@action</comment>
        <translation>In Datei&amp;verwaltung öffnen</translation>
    </message>
    <message>
        <source>Mount A&amp;ll</source>
        <comment>@action</comment>
        <translation>A&amp;lle einhängen</translation>
    </message>
    <message>
        <source>Unmount Al&amp;l</source>
        <comment>@action</comment>
        <translation>Alle a&amp;ushängen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <comment>@action</comment>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Start at Login</source>
        <comment>@option:check</comment>
        <translation>Bei &amp;Anmeldung starten</translation>
    </message>
    <message>
        <source>&amp;Mirror</source>
        <comment>@title:menu</comment>
        <translation>&amp;Spiegel</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <comment>@title:menu</comment>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <comment>@title:window</comment>
        <translation>Haupt-Werkzeugleiste</translation>
    </message>
    <message>
        <source>Remove Mirror</source>
        <comment>@title:window</comment>
        <translation>Spiegel entfernen</translation>
    </message>
    <message>
        <source>Remove the mirror &quot;%1&quot;? It is unmounted first if it is mounted; the source folder is not touched.</source>
        <comment>@info</comment>
        <translation>Den Spiegel „%1“ entfernen? Ist er eingehängt, wird er zuerst ausgehängt; der Quellordner bleibt unberührt.</translation>
    </message>
    <message>
        <source>Remove</source>
        <comment>@action:button</comment>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>The mirror &quot;%1&quot; is in use and was not unmounted.</source>
        <comment>@info</comment>
        <translation>Der Spiegel „%1“ wird benutzt und wurde nicht ausgehängt.</translation>
    </message>
    <message>
        <source>Programs using it: %1</source>
        <comment>@info</comment>
        <translation>Programme, die ihn benutzen: %1</translation>
    </message>
    <message>
        <source>Force unmount detaches it now; those programs lose access to their open files.</source>
        <comment>@info</comment>
        <translation>Erzwungenes Aushängen löst ihn sofort; diese Programme verlieren den Zugriff auf ihre offenen Dateien.</translation>
    </message>
    <message>
        <source>Mirror in Use</source>
        <comment>@title:window</comment>
        <translation>Spiegel in Benutzung</translation>
    </message>
    <message>
        <source>Force Unmount</source>
        <comment>@action:button</comment>
        <translation>Aushängen erzwingen</translation>
    </message>
    <message>
        <source>Mirror list columns</source>
        <comment>@info:accessible</comment>
        <translation>Spalten der Spiegelliste</translation>
    </message>
    <message>
        <source>FUSE over &amp;io_uring…</source>
        <comment>@action</comment>
        <translation>FUSE über &amp;io_uring …</translation>
    </message>
    <message>
        <source>Selected mirror</source>
        <comment>@info:accessible tabs</comment>
        <translation>Ausgewählter Spiegel</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <comment>@title:tab</comment>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <comment>@title:tab requests to the mirror, one by one</comment>
        <translation>&amp;Aktivität</translation>
    </message>
    <message>
        <source>What programs do in the mirror, request by request</source>
        <comment>@info:tooltip</comment>
        <translation>Was Programme im Spiegel tun, Anfrage für Anfrage</translation>
    </message>
    <message>
        <source>Configure Global S&amp;hortcut…</source>
        <comment>@action</comment>
        <translation>&amp;Globales Tastenkürzel einrichten …</translation>
    </message>
    <message>
        <source>%1: mounted meanwhile; unmount it to change its folders.</source>
        <comment>@info mirror name</comment>
        <translation>%1: inzwischen eingehängt; hängen Sie ihn aus, um seine Ordner zu ändern.</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorController</name>
    <message>
        <source>Cannot write the autostart entry %1</source>
        <comment>@info</comment>
        <translation>Der Autostart-Eintrag %1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorDialog</name>
    <message>
        <source>Add Mirror</source>
        <comment>@title:window</comment>
        <translation>Spiegel hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <comment>@label:textbox</comment>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>@label:textbox accessible</comment>
        <translation>Name</translation>
    </message>
    <message>
        <source>Source folder</source>
        <comment>@label:textbox accessible</comment>
        <translation>Quellordner</translation>
    </message>
    <message>
        <source>Browse…</source>
        <comment>@action:button choose the source folder</comment>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Choose the source folder</source>
        <comment>@action:button accessible</comment>
        <translation>Quellordner auswählen</translation>
    </message>
    <message>
        <source>&amp;Source folder:</source>
        <comment>@label:textbox</comment>
        <translation>&amp;Quellordner:</translation>
    </message>
    <message>
        <source>Mount point</source>
        <comment>@label:textbox accessible</comment>
        <translation>Einhängepunkt</translation>
    </message>
    <message>
        <source>Browse…</source>
        <comment>@action:button choose the mount point</comment>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Choose the mount point</source>
        <comment>@action:button accessible</comment>
        <translation>Einhängepunkt auswählen</translation>
    </message>
    <message>
        <source>Create under ~/Mirrors</source>
        <comment>@action:button</comment>
        <translation>Unter ~/Mirrors anlegen</translation>
    </message>
    <message>
        <source>&amp;Mount point:</source>
        <comment>@label:textbox</comment>
        <translation>&amp;Einhängepunkt:</translation>
    </message>
    <message>
        <source>&amp;Read-only</source>
        <comment>@option:check</comment>
        <translation>Nur &amp;lesen</translation>
    </message>
    <message>
        <source>Read-only</source>
        <comment>@option:check accessible</comment>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>Automatic (kernel passthrough when available)</source>
        <comment>@item:inlistbox</comment>
        <translation>Automatisch (Kernel-Passthrough, wenn verfügbar)</translation>
    </message>
    <message>
        <source>Always kernel passthrough</source>
        <comment>@item:inlistbox</comment>
        <translation>Immer Kernel-Passthrough</translation>
    </message>
    <message>
        <source>Never (data through the daemon)</source>
        <comment>@item:inlistbox</comment>
        <translation>Nie (Daten über den Dienst)</translation>
    </message>
    <message>
        <source>Data path</source>
        <comment>@label:listbox accessible</comment>
        <translation>Datenweg</translation>
    </message>
    <message>
        <source>&amp;Data path:</source>
        <comment>@label:listbox</comment>
        <translation>&amp;Datenweg:</translation>
    </message>
    <message>
        <source>Mount at &amp;login</source>
        <comment>@option:check</comment>
        <translation>Bei der &amp;Anmeldung einhängen</translation>
    </message>
    <message>
        <source>Mount at login</source>
        <comment>@option:check accessible</comment>
        <translation>Bei der Anmeldung einhängen</translation>
    </message>
    <message>
        <source>OK</source>
        <comment>@action:button accessible</comment>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <comment>@action:button accessible</comment>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Choose the Folder to Mirror</source>
        <comment>@title:window</comment>
        <translation>Zu spiegelnden Ordner auswählen</translation>
    </message>
    <message>
        <source>Choose an Empty Folder for the Mirror</source>
        <comment>@title:window</comment>
        <translation>Leeren Ordner für den Spiegel auswählen</translation>
    </message>
    <message>
        <source>Edit Mirror</source>
        <comment>@title:window</comment>
        <translation>Spiegel bearbeiten</translation>
    </message>
    <message>
        <source>mirror</source>
        <comment>@item default folder name under ~/Mirrors</comment>
        <translation>spiegel</translation>
    </message>
    <message>
        <source>Mount when the source is a&amp;vailable</source>
        <comment>@option:check</comment>
        <translation>Einhängen, sobald die Quelle &amp;verfügbar ist</translation>
    </message>
    <message>
        <source>Mount when the source is available</source>
        <comment>@option:check accessible</comment>
        <translation>Einhängen, sobald die Quelle verfügbar ist</translation>
    </message>
    <message>
        <source>Waits while the source folder or its drive is missing, mounts as soon as it appears and unmounts when it goes away.</source>
        <comment>@info:tooltip</comment>
        <translation>Wartet, solange der Quellordner oder sein Laufwerk fehlt, hängt ein, sobald er erscheint, und hängt aus, wenn er verschwindet.</translation>
    </message>
    <message>
        <source>Unmount when the screen loc&amp;ks</source>
        <comment>@option:check</comment>
        <translation>Aushängen, wenn der Bildschirm ge&amp;sperrt wird</translation>
    </message>
    <message>
        <source>Unmount when the screen locks</source>
        <comment>@option:check accessible</comment>
        <translation>Aushängen, wenn der Bildschirm gesperrt wird</translation>
    </message>
    <message>
        <source>Mount again on &amp;unlock</source>
        <comment>@option:check</comment>
        <translation>Beim E&amp;ntsperren wieder einhängen</translation>
    </message>
    <message>
        <source>Mount again when the screen is unlocked</source>
        <comment>@option:check accessible</comment>
        <translation>Wieder einhängen, wenn der Bildschirm entsperrt wird</translation>
    </message>
    <message>
        <source>Never</source>
        <comment>@item:valuesuffix unmount when idle: never</comment>
        <translation>Nie</translation>
    </message>
    <message>
        <source> min</source>
        <comment>@item:valuesuffix minutes</comment>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Unmount after this many minutes without activity</source>
        <comment>@label:spinbox accessible</comment>
        <translation>Nach so vielen Minuten ohne Aktivität aushängen</translation>
    </message>
    <message>
        <source>Unmount when &amp;idle for:</source>
        <comment>@label:spinbox</comment>
        <translation>Aushängen nach &amp;Leerlauf von:</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorListModel</name>
    <message>
        <source>Stopped</source>
        <comment>@item mirror state</comment>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Mounting</source>
        <comment>@item mirror state</comment>
        <translation>Wird eingehängt</translation>
    </message>
    <message>
        <source>Mounted</source>
        <comment>@item mirror state</comment>
        <translation>Eingehängt</translation>
    </message>
    <message>
        <source>Unmounting</source>
        <comment>@item mirror state</comment>
        <translation>Wird ausgehängt</translation>
    </message>
    <message>
        <source>Error</source>
        <comment>@item mirror state</comment>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Kernel passthrough</source>
        <comment>@item how file data reaches the mirror</comment>
        <translation>Kernel-Passthrough</translation>
    </message>
    <message>
        <source>Userspace</source>
        <comment>@item how file data reaches the mirror</comment>
        <translation>Userspace</translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>@item rate per second</comment>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>@info:accessible state: why</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <comment>@title:column</comment>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Source</source>
        <comment>@title:column</comment>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Mount Point</source>
        <comment>@title:column</comment>
        <translation>Einhängepunkt</translation>
    </message>
    <message>
        <source>Data Path</source>
        <comment>@title:column</comment>
        <translation>Datenweg</translation>
    </message>
    <message>
        <source>Opens</source>
        <comment>@title:column count of open requests</comment>
        <translation>Öffnungen</translation>
    </message>
    <message>
        <source>Opens/s</source>
        <comment>@title:column</comment>
        <translation>Öffnungen/s</translation>
    </message>
    <message>
        <source>Flushes</source>
        <comment>@title:column count of flush requests</comment>
        <translation>Leerungen</translation>
    </message>
    <message>
        <source>Flushes/s</source>
        <comment>@title:column</comment>
        <translation>Leerungen/s</translation>
    </message>
    <message>
        <source>Closes</source>
        <comment>@title:column count of release requests</comment>
        <translation>Schließungen</translation>
    </message>
    <message>
        <source>Closes/s</source>
        <comment>@title:column</comment>
        <translation>Schließungen/s</translation>
    </message>
    <message>
        <source>The mirror&apos;s mount is gone, but its daemon did not clean up.</source>
        <comment>@info</comment>
        <translation>Die Einhängung des Spiegels ist verschwunden, aber sein Dienst hat nicht aufgeräumt.</translation>
    </message>
    <message>
        <source>The mirror&apos;s daemon died.</source>
        <comment>@info</comment>
        <translation>Der Dienst des Spiegels ist abgestürzt.</translation>
    </message>
    <message>
        <source>Waiting</source>
        <comment>@item mirror state</comment>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Waiting for %1</source>
        <comment>@item mirror state: the folder or drive it waits for</comment>
        <translation>Wartet auf %1</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorValidation</name>
    <message>
        <source>Choose the folder to mirror.</source>
        <translation>Wählen Sie den zu spiegelnden Ordner.</translation>
    </message>
    <message>
        <source>Choose an empty folder to show the mirror in.</source>
        <translation>Wählen Sie einen leeren Ordner, in dem der Spiegel erscheint.</translation>
    </message>
    <message>
        <source>The source path contains a NUL character.</source>
        <translation>Der Quellpfad enthält ein NUL-Zeichen.</translation>
    </message>
    <message>
        <source>The mount point path contains a NUL character.</source>
        <translation>Der Pfad des Einhängepunkts enthält ein NUL-Zeichen.</translation>
    </message>
    <message>
        <source>The source path is not valid UTF-8.</source>
        <translation>Der Quellpfad ist kein gültiges UTF-8.</translation>
    </message>
    <message>
        <source>The mount point path is not valid UTF-8.</source>
        <translation>Der Pfad des Einhängepunkts ist kein gültiges UTF-8.</translation>
    </message>
    <message>
        <source>The source must be an absolute path (starting with /).</source>
        <translation>Die Quelle muss ein absoluter Pfad sein (beginnend mit /).</translation>
    </message>
    <message>
        <source>The mount point must be an absolute path (starting with /).</source>
        <translation>Der Einhängepunkt muss ein absoluter Pfad sein (beginnend mit /).</translation>
    </message>
    <message>
        <source>The source path or one of its names is too long.</source>
        <translation>Der Quellpfad oder einer seiner Namen ist zu lang.</translation>
    </message>
    <message>
        <source>The mount point path or one of its names is too long.</source>
        <translation>Der Pfad des Einhängepunkts oder einer seiner Namen ist zu lang.</translation>
    </message>
    <message>
        <source>The source path must not contain &quot;.&quot; or &quot;..&quot;.</source>
        <translation>Der Quellpfad darf weder „.“ noch „..“ enthalten.</translation>
    </message>
    <message>
        <source>The mount point path must not contain &quot;.&quot; or &quot;..&quot;.</source>
        <translation>Der Pfad des Einhängepunkts darf weder „.“ noch „..“ enthalten.</translation>
    </message>
    <message>
        <source>The source folder does not exist.</source>
        <translation>Der Quellordner existiert nicht.</translation>
    </message>
    <message>
        <source>The mount point does not exist; create it or use &quot;Create under ~/Mirrors&quot;.</source>
        <translation>Der Einhängepunkt existiert nicht; legen Sie ihn an oder nutzen Sie „Unter ~/Mirrors anlegen“.</translation>
    </message>
    <message>
        <source>The source path contains a symbolic link.</source>
        <translation>Der Quellpfad enthält eine symbolische Verknüpfung.</translation>
    </message>
    <message>
        <source>The mount point path contains a symbolic link.</source>
        <translation>Der Pfad des Einhängepunkts enthält eine symbolische Verknüpfung.</translation>
    </message>
    <message>
        <source>You cannot reach the source folder.</source>
        <translation>Sie können den Quellordner nicht erreichen.</translation>
    </message>
    <message>
        <source>You cannot reach the mount point.</source>
        <translation>Sie können den Einhängepunkt nicht erreichen.</translation>
    </message>
    <message>
        <source>Give the mirror a name.</source>
        <translation>Geben Sie dem Spiegel einen Namen.</translation>
    </message>
    <message>
        <source>Another mirror already has this name.</source>
        <translation>Ein anderer Spiegel hat bereits diesen Namen.</translation>
    </message>
    <message>
        <source>The source is not a folder.</source>
        <translation>Die Quelle ist kein Ordner.</translation>
    </message>
    <message>
        <source>You cannot read the source folder.</source>
        <translation>Sie können den Quellordner nicht lesen.</translation>
    </message>
    <message>
        <source>Another mirror already uses this mount point.</source>
        <translation>Ein anderer Spiegel benutzt bereits diesen Einhängepunkt.</translation>
    </message>
    <message>
        <source>The mount point is not a folder.</source>
        <translation>Der Einhängepunkt ist kein Ordner.</translation>
    </message>
    <message>
        <source>The mount point belongs to someone else; use a folder of your own.</source>
        <translation>Der Einhängepunkt gehört jemand anderem; verwenden Sie einen eigenen Ordner.</translation>
    </message>
    <message>
        <source>The mount point is not empty; use an empty folder.</source>
        <translation>Der Einhängepunkt ist nicht leer; verwenden Sie einen leeren Ordner.</translation>
    </message>
    <message>
        <source>The mount point is inside the source folder; the mirror would contain itself.</source>
        <translation>Der Einhängepunkt liegt im Quellordner; der Spiegel würde sich selbst enthalten.</translation>
    </message>
    <message>
        <source>The source folder is inside the mount point.</source>
        <translation>Der Quellordner liegt im Einhängepunkt.</translation>
    </message>
    <message>
        <source>The source is, or contains, a system folder of the kernel (such as /proc); it cannot be mirrored.</source>
        <translation>Die Quelle ist ein Systemordner des Kernels (wie /proc) oder enthält einen; sie kann nicht gespiegelt werden.</translation>
    </message>
    <message>
        <source>The source path contains a control character (such as a line break or a tab).</source>
        <translation>Der Quellpfad enthält ein Steuerzeichen (etwa einen Zeilenumbruch oder einen Tabulator).</translation>
    </message>
    <message>
        <source>The mount point path contains a control character (such as a line break or a tab).</source>
        <translation>Der Pfad des Einhängepunkts enthält ein Steuerzeichen (etwa einen Zeilenumbruch oder einen Tabulator).</translation>
    </message>
</context>
<context>
    <name>PassMirror::Notifier</name>
    <message>
        <source>Mirror Mounted</source>
        <comment>@title notification</comment>
        <translation>Spiegel eingehängt</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is mounted at %2.</source>
        <comment>@info notification</comment>
        <translation>„%1“ ist unter %2 eingehängt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is in use and stays mounted.</source>
        <comment>@info notification</comment>
        <translation>„%1“ wird benutzt und bleibt eingehängt.</translation>
    </message>
    <message>
        <source>Used by: %1</source>
        <comment>@info notification</comment>
        <translation>Benutzt von: %1</translation>
    </message>
    <message>
        <source>Mirror Not Unmounted</source>
        <comment>@title notification</comment>
        <translation>Spiegel nicht ausgehängt</translation>
    </message>
    <message>
        <source>Mirror Stopped</source>
        <comment>@title notification</comment>
        <translation>Spiegel gestoppt</translation>
    </message>
    <message>
        <source>The daemon of &quot;%1&quot; died; the mirror is no longer available.</source>
        <comment>@info notification</comment>
        <translation>Der Dienst von „%1“ ist abgestürzt; der Spiegel ist nicht mehr verfügbar.</translation>
    </message>
    <message numerus="yes">
        <source>%n mirror(s) mounted.</source>
        <comment>@info notification</comment>
        <translation>
            <numerusform>%n Spiegel eingehängt.</numerusform>
            <numerusform>%n Spiegel eingehängt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mirror(s) could not be mounted; see the window for why.</source>
        <comment>@info notification</comment>
        <translation>
            <numerusform>%n Spiegel konnte nicht eingehängt werden; der Grund steht im Fenster.</numerusform>
            <numerusform>%n Spiegel konnten nicht eingehängt werden; die Gründe stehen im Fenster.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mirrors at Login</source>
        <comment>@title notification</comment>
        <translation>Spiegel bei der Anmeldung</translation>
    </message>
    <message>
        <source>"%1" is being unmounted: %2 went away.</source>
        <comment>@info notification mirror name, its source folder or drive</comment>
        <translation>„%1“ wird ausgehängt: %2 ist verschwunden.</translation>
    </message>
    <message>
        <source>"%1" is being unmounted because the screen locked.</source>
        <comment>@info notification</comment>
        <translation>„%1“ wird ausgehängt, weil der Bildschirm gesperrt wurde.</translation>
    </message>
    <message numerus="yes">
        <source>"%1" is being unmounted after %n minute(s) without activity.</source>
        <comment>@info notification</comment>
        <translation>
            <numerusform>„%1“ wird nach %n Minute ohne Aktivität ausgehängt.</numerusform>
            <numerusform>„%1“ wird nach %n Minuten ohne Aktivität ausgehängt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mirror Unmounted</source>
        <comment>@title notification</comment>
        <translation>Spiegel ausgehängt</translation>
    </message>
</context>
<context>
    <name>PassMirror::RatePlot</name>
    <message>
        <source>Open, flush and close rates over the last five minutes</source>
        <comment>@info:accessible chart</comment>
        <translation>Öffnungs-, Leerungs- und Schließraten der letzten fünf Minuten</translation>
    </message>
    <message>
        <source>Opens/s</source>
        <comment>@label chart legend</comment>
        <translation>Öffnungen/s</translation>
    </message>
    <message>
        <source>Flushes/s</source>
        <comment>@label chart legend</comment>
        <translation>Leerungen/s</translation>
    </message>
    <message>
        <source>Closes/s</source>
        <comment>@label chart legend</comment>
        <translation>Schließungen/s</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <comment>@label chart axis</comment>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <source>now</source>
        <comment>@label chart axis</comment>
        <translation>jetzt</translation>
    </message>
</context>
<context>
    <name>PassMirror::TrayIcon</name>
    <message>
        <source>PassMirror</source>
        <comment>@title tray item</comment>
        <translation>PassMirror</translation>
    </message>
    <message>
        <source>Unmount All</source>
        <comment>@action tray menu</comment>
        <translation>Alle aushängen</translation>
    </message>
    <message>
        <source>Show Window</source>
        <comment>@action tray menu</comment>
        <translation>Fenster anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <comment>@action tray menu</comment>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>%1 of %2 mirrors mounted</source>
        <comment>@info:tooltip</comment>
        <translation>%1 von %2 Spiegeln eingehängt</translation>
    </message>
    <message>
        <source>%1 with errors</source>
        <comment>@info:tooltip mirrors</comment>
        <translation>%1 mit Fehlern</translation>
    </message>
    <message>
        <source>%1: %2 opens, %3 flushes, %4 closes</source>
        <comment>@info:tooltip</comment>
        <translation>%1: %2 Öffnungen, %3 Leerungen, %4 Schließungen</translation>
    </message>
    <message>
        <source>PassMirror</source>
        <comment>@title tray tooltip</comment>
        <translation>PassMirror</translation>
    </message>
    <message>
        <source>%1 (waiting for %2)</source>
        <comment>@action:inmenu mirror name, the folder or drive it waits for</comment>
        <translation>%1 (wartet auf %2)</translation>
    </message>
    <message>
        <source>%1: waiting for %2</source>
        <comment>@info:tooltip mirror name, the folder or drive it waits for</comment>
        <translation>%1: wartet auf %2</translation>
    </message>
</context>
<context>
    <name>PassMirror::ActivityModel</name>
    <message>
        <source>%1 → %2</source>
        <comment>@item activity file: path → target of a rename or link</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>ok</source>
        <comment>@item activity result: no error</comment>
        <translation>OK</translation>
    </message>
    <message>
        <source>Time</source>
        <comment>@title:column</comment>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Process</source>
        <comment>@title:column command[pid]</comment>
        <translation>Prozess</translation>
    </message>
    <message>
        <source>User</source>
        <comment>@title:column</comment>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Operation</source>
        <comment>@title:column</comment>
        <translation>Operation</translation>
    </message>
    <message>
        <source>File</source>
        <comment>@title:column</comment>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Result</source>
        <comment>@title:column ok or an error name</comment>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>PassMirror::ActivityPanel</name>
    <message>
        <source>Mirror activity</source>
        <comment>@info:accessible</comment>
        <translation>Spiegelaktivität</translation>
    </message>
    <message>
        <source>Lost: events the daemon wrote over in its ring before the window could read them.</source>
        <comment>@info:tooltip</comment>
        <translation>Verloren: Ereignisse, die der Dienst in seinem Ringpuffer überschrieben hat, bevor das Fenster sie lesen konnte.</translation>
    </message>
    <message>
        <source>Requests to the mirror, newest last</source>
        <comment>@info:accessible table</comment>
        <translation>Anfragen an den Spiegel, neueste zuletzt</translation>
    </message>
    <message>
        <source>Activity columns</source>
        <comment>@info:accessible</comment>
        <translation>Aktivitätsspalten</translation>
    </message>
    <message>
        <source>Resumed: %1 events caught up, %2 skipped while paused</source>
        <comment>@info activity status</comment>
        <translation>Fortgesetzt: %1 Ereignisse nachgeholt, %2 während der Pause übersprungen</translation>
    </message>
    <message>
        <source>Process filter</source>
        <comment>@info:accessible</comment>
        <translation>Prozessfilter</translation>
    </message>
    <message>
        <source>name or PID</source>
        <comment>@info:placeholder</comment>
        <translation>Name oder PID</translation>
    </message>
    <message>
        <source>Show only one process: its PID, or part of its command name.</source>
        <comment>@info:tooltip</comment>
        <translation>Nur einen Prozess zeigen: seine PID oder einen Teil seines Befehlsnamens.</translation>
    </message>
    <message>
        <source>Pro&amp;cess:</source>
        <comment>@label:textbox</comment>
        <translation>&amp;Prozess:</translation>
    </message>
    <message>
        <source>Operation filter</source>
        <comment>@info:accessible</comment>
        <translation>Operationsfilter</translation>
    </message>
    <message>
        <source>Show only one kind of request.</source>
        <comment>@info:tooltip</comment>
        <translation>Nur eine Art von Anfrage zeigen.</translation>
    </message>
    <message>
        <source>All operations</source>
        <comment>@item:inlistbox</comment>
        <translation>Alle Operationen</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <comment>@label:listbox</comment>
        <translation>&amp;Operation:</translation>
    </message>
    <message>
        <source>Path filter</source>
        <comment>@info:accessible</comment>
        <translation>Pfadfilter</translation>
    </message>
    <message>
        <source>part of the path</source>
        <comment>@info:placeholder</comment>
        <translation>Teil des Pfads</translation>
    </message>
    <message>
        <source>Show only files whose path in the mirror contains this text.</source>
        <comment>@info:tooltip</comment>
        <translation>Nur Dateien zeigen, deren Pfad im Spiegel diesen Text enthält.</translation>
    </message>
    <message>
        <source>Pat&amp;h:</source>
        <comment>@label:textbox</comment>
        <translation>P&amp;fad:</translation>
    </message>
    <message>
        <source>&amp;Errors only</source>
        <comment>@option:check</comment>
        <translation>Nur Fe&amp;hler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <comment>@info:accessible</comment>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Show only requests answered with an error.</source>
        <comment>@info:tooltip</comment>
        <translation>Nur Anfragen zeigen, die mit einem Fehler beantwortet wurden.</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <comment>@action:button</comment>
        <translation>Pa&amp;usieren</translation>
    </message>
    <message>
        <source>Pause</source>
        <comment>@action:button accessible</comment>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Keep the table still; events are still read and counted, and go in when you resume.</source>
        <comment>@info:tooltip</comment>
        <translation>Die Tabelle anhalten; Ereignisse werden weiter gelesen und gezählt und beim Fortsetzen eingefügt.</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <comment>@action:button</comment>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Clear the table</source>
        <comment>@action:button accessible</comment>
        <translation>Tabelle leeren</translation>
    </message>
    <message>
        <source>Remove the rows shown and start the top views afresh; new events keep coming.</source>
        <comment>@info:tooltip</comment>
        <translation>Die angezeigten Zeilen entfernen und die Ranglisten neu beginnen; neue Ereignisse kommen weiter hinzu.</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <comment>@action:button</comment>
        <translation>CSV e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Export the rows shown as CSV</source>
        <comment>@action:button accessible</comment>
        <translation>Angezeigte Zeilen als CSV exportieren</translation>
    </message>
    <message>
        <source>Save the rows shown now, after the filters, as a CSV file.</source>
        <comment>@info:tooltip</comment>
        <translation>Die jetzt angezeigten Zeilen (nach den Filtern) als CSV-Datei speichern.</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <comment>@action:button</comment>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>Resume</source>
        <comment>@action:button accessible</comment>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Time the top views cover</source>
        <comment>@info:accessible</comment>
        <translation>Zeitraum der Ranglisten</translation>
    </message>
    <message>
        <source>How far back the busiest processes, files and the errors reach.</source>
        <comment>@info:tooltip</comment>
        <translation>Wie weit die aktivsten Prozesse, Dateien und die Fehler zurückreichen.</translation>
    </message>
    <message>
        <source>10 seconds</source>
        <comment>@item:inlistbox time window</comment>
        <translation>10 Sekunden</translation>
    </message>
    <message>
        <source>1 minute</source>
        <comment>@item:inlistbox time window</comment>
        <translation>1 Minute</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <comment>@item:inlistbox time window</comment>
        <translation>5 Minuten</translation>
    </message>
    <message>
        <source>&amp;Top in the last:</source>
        <comment>@label:listbox</comment>
        <translation>&amp;Zeitraum der Ranglisten:</translation>
    </message>
    <message>
        <source>Busiest processes</source>
        <comment>@info:accessible table</comment>
        <translation>Aktivste Prozesse</translation>
    </message>
    <message>
        <source>Process</source>
        <comment>@title:column command[pid]</comment>
        <translation>Prozess</translation>
    </message>
    <message>
        <source>User</source>
        <comment>@title:column</comment>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Requests</source>
        <comment>@title:column</comment>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Errors</source>
        <comment>@title:column</comment>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Busiest files</source>
        <comment>@info:accessible table</comment>
        <translation>Aktivste Dateien</translation>
    </message>
    <message>
        <source>File</source>
        <comment>@title:column</comment>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Errors by operation</source>
        <comment>@info:accessible table</comment>
        <translation>Fehler nach Operation</translation>
    </message>
    <message>
        <source>Operation</source>
        <comment>@title:column</comment>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Error</source>
        <comment>@title:column errno name</comment>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Count</source>
        <comment>@title:column</comment>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Processes</source>
        <comment>@title:group busiest processes</comment>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>Files</source>
        <comment>@title:group busiest files</comment>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Errors</source>
        <comment>@title:group errors by operation</comment>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Select a mirror to see what programs do in it.</source>
        <comment>@info</comment>
        <translation>Wählen Sie einen Spiegel, um zu sehen, was Programme darin tun.</translation>
    </message>
    <message>
        <source>“%1” is not mounted. What programs do in it shows here while it is mounted.</source>
        <comment>@info</comment>
        <translation>„%1“ ist nicht eingehängt. Was Programme darin tun, erscheint hier, solange er eingehängt ist.</translation>
    </message>
    <message>
        <source>“%1” keeps no record of its activity: its daemon was started with --no-activity. The counters on the Details tab still count every request.</source>
        <comment>@info</comment>
        <translation>„%1“ zeichnet seine Aktivität nicht auf: sein Dienst wurde mit --no-activity gestartet. Die Zähler im Reiter „Details“ zählen weiterhin jede Anfrage.</translation>
    </message>
    <message>
        <source>The activity record of “%1” cannot be read: %2</source>
        <comment>@info</comment>
        <translation>Die Aktivitätsaufzeichnung von „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>“%1” is not mounted any more; these are the last events read from it</source>
        <comment>@info activity status</comment>
        <translation>„%1“ ist nicht mehr eingehängt; dies sind die letzten daraus gelesenen Ereignisse</translation>
    </message>
    <message>
        <source>Events read: %1</source>
        <comment>@info activity status</comment>
        <translation>Gelesene Ereignisse: %1</translation>
    </message>
    <message>
        <source>Lost: %1</source>
        <comment>@info activity status: events overwritten in the ring before they were read</comment>
        <translation>Verloren: %1</translation>
    </message>
    <message>
        <source>Shown: %1 of the last %2</source>
        <comment>@info activity status: rows after the filters of the rows kept</comment>
        <translation>Angezeigt: %1 der letzten %2</translation>
    </message>
    <message>
        <source>The ring closed: the mirror's daemon has ended</source>
        <comment>@info activity status</comment>
        <translation>Der Ringpuffer wurde geschlossen: der Dienst des Spiegels ist beendet</translation>
    </message>
    <message>
        <source>Paused: %1 new events held, %2 skipped</source>
        <comment>@info activity status</comment>
        <translation>Pausiert: %1 neue Ereignisse zurückgehalten, %2 übersprungen</translation>
    </message>
    <message>
        <source>%1 requests in this time</source>
        <comment>@info top views</comment>
        <translation>%1 Anfragen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>%1 requests in the last %2 s only: at most %3 events are kept</source>
        <comment>@info top views</comment>
        <translation>%1 Anfragen nur in den letzten %2 s: höchstens %3 Ereignisse werden behalten</translation>
    </message>
    <message>
        <source>Export Activity as CSV</source>
        <comment>@title:window</comment>
        <translation>Aktivität als CSV exportieren</translation>
    </message>
    <message>
        <source>%1-activity.csv</source>
        <comment>@item default file name; %1 is the mirror's name</comment>
        <translation>%1-aktivitaet.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <comment>@item file dialog filter</comment>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <comment>@info activity status</comment>
        <translation>%1 Zeilen nach %2 exportiert</translation>
    </message>
    <message>
        <source>The activity could not be written to %1: %2</source>
        <comment>@info</comment>
        <translation>Die Aktivität konnte nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <comment>@title:window</comment>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1: columns</source>
        <comment>@info:accessible the header of a table</comment>
        <translation>%1: Spalten</translation>
    </message>
</context>
<context>
    <name>PassMirror::GlobalShortcut</name>
    <message>
        <source>Unmount All Mirrors</source>
        <comment>@action global shortcut</comment>
        <translation>Alle Spiegel aushängen</translation>
    </message>
    <message>
        <source>“%1” in %2</source>
        <comment>@info global shortcut's action in application</comment>
        <translation>„%1“ in %2</translation>
    </message>
    <message>
        <source>another global shortcut</source>
        <comment>@info</comment>
        <translation>ein anderes globales Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>PassMirror::ShortcutDialog</name>
    <message>
        <source>Global Shortcut</source>
        <comment>@title:window</comment>
        <translation>Globales Tastenkürzel</translation>
    </message>
    <message>
        <source>This key combination unmounts every mounted mirror, whichever application has the keyboard focus.</source>
        <comment>@info</comment>
        <translation>Diese Tastenkombination hängt alle eingehängten Spiegel aus, egal welche Anwendung den Tastaturfokus hat.</translation>
    </message>
    <message>
        <source>The global shortcut service of KDE Plasma (kglobalacceld) is not running in this session, so there is no global shortcut.</source>
        <comment>@info</comment>
        <translation>Der Dienst für globale Tastenkürzel von KDE Plasma (kglobalacceld) läuft in dieser Sitzung nicht, daher gibt es kein globales Tastenkürzel.</translation>
    </message>
    <message>
        <source>Global shortcut for unmounting all mirrors</source>
        <comment>@info:accessible</comment>
        <translation>Globales Tastenkürzel zum Aushängen aller Spiegel</translation>
    </message>
    <message>
        <source>&amp;Unmount all mirrors:</source>
        <comment>@label</comment>
        <translation>Alle Spiegel a&amp;ushängen:</translation>
    </message>
    <message>
        <source>Reset to &amp;Default (%1)</source>
        <comment>@action:button the default key combination</comment>
        <translation>&amp;Standard wiederherstellen (%1)</translation>
    </message>
    <message>
        <source>&amp;No Shortcut</source>
        <comment>@action:button remove the global shortcut</comment>
        <translation>&amp;Kein Tastenkürzel</translation>
    </message>
    <message>
        <source>Problem with the key combination</source>
        <comment>@label accessible</comment>
        <translation>Problem mit der Tastenkombination</translation>
    </message>
    <message>
        <source>%1 is already the global shortcut for %2. Choose another key combination.</source>
        <comment>@info</comment>
        <translation>%1 ist bereits das globale Tastenkürzel für %2. Wählen Sie eine andere Tastenkombination.</translation>
    </message>
    <message>
        <source>The global shortcut service did not accept %1.</source>
        <comment>@info</comment>
        <translation>Der Dienst für globale Tastenkürzel hat %1 nicht angenommen.</translation>
    </message>
</context>
<context>
    <name>PassMirror::SessionFollower</name>
    <message>
        <source>%1, which belongs to someone else</source>
        <comment>@item what a mirror waits for: a folder</comment>
        <translation>%1, der jemand anderem gehört</translation>
    </message>
    <message>
        <source>%1, which does not answer</source>
        <comment>@item what a mirror waits for: a folder on a share that hangs</comment>
        <translation>%1, der nicht antwortet</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
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
        <translation>Algo ha fallado dentro de PassMirror.</translation>
    </message>
    <message>
        <source>The helper did not understand the request.</source>
        <comment>@info error</comment>
        <translation>El asistente no entendió la solicitud.</translation>
    </message>
    <message>
        <source>The source folder %1 does not exist.</source>
        <comment>@info error</comment>
        <translation>La carpeta de origen %1 no existe.</translation>
    </message>
    <message>
        <source>The source %1 is not a folder.</source>
        <comment>@info error</comment>
        <translation>El origen %1 no es una carpeta.</translation>
    </message>
    <message>
        <source>You cannot read the source folder %1.</source>
        <comment>@info error</comment>
        <translation>No puede leer la carpeta de origen %1.</translation>
    </message>
    <message>
        <source>The mount point %1 does not exist.</source>
        <comment>@info error</comment>
        <translation>El punto de montaje %1 no existe.</translation>
    </message>
    <message>
        <source>The mount point %1 is not a folder.</source>
        <comment>@info error</comment>
        <translation>El punto de montaje %1 no es una carpeta.</translation>
    </message>
    <message>
        <source>The mount point %1 is not empty; choose an empty folder.</source>
        <comment>@info error</comment>
        <translation>El punto de montaje %1 no está vacío; elija una carpeta vacía.</translation>
    </message>
    <message>
        <source>The mount point %1 does not belong to you.</source>
        <comment>@info error</comment>
        <translation>El punto de montaje %1 no le pertenece.</translation>
    </message>
    <message>
        <source>The mount point %1 is inside the source folder %2.</source>
        <comment>@info error</comment>
        <translation>El punto de montaje %1 está dentro de la carpeta de origen %2.</translation>
    </message>
    <message>
        <source>The source folder %1 is inside the mount point %2.</source>
        <comment>@info error</comment>
        <translation>La carpeta de origen %1 está dentro del punto de montaje %2.</translation>
    </message>
    <message>
        <source>Kernel passthrough is not available on this system; set the data path of %1 to automatic.</source>
        <comment>@info error</comment>
        <translation>El passthrough del núcleo no está disponible en este sistema; ponga la ruta de datos de %1 en automática.</translation>
    </message>
    <message>
        <source>The kernel refused to mount %1.</source>
        <comment>@info error</comment>
        <translation>El núcleo se negó a montar %1.</translation>
    </message>
    <message>
        <source>PassMirror lacks a privilege it needs to mount %1.</source>
        <comment>@info error</comment>
        <translation>A PassMirror le falta un privilegio necesario para montar %1.</translation>
    </message>
    <message>
        <source>Your user account could not be found.</source>
        <comment>@info error</comment>
        <translation>No se encontró su cuenta de usuario.</translation>
    </message>
    <message>
        <source>The path %1 is not valid: it must be absolute, in UTF-8 and free of symbolic links.</source>
        <comment>@info error</comment>
        <translation>La ruta %1 no es válida: debe ser absoluta, en UTF-8 y sin enlaces simbólicos.</translation>
    </message>
    <message>
        <source>You have reached the limit of mirrors; unmount one before mounting %1.</source>
        <comment>@info error</comment>
        <translation>Ha alcanzado el límite de espejos; desmonte uno antes de montar %1.</translation>
    </message>
    <message>
        <source>There is no mirror at %1.</source>
        <comment>@info error</comment>
        <translation>No hay ningún espejo en %1.</translation>
    </message>
    <message>
        <source>The mirror at %1 is in use.</source>
        <comment>@info error</comment>
        <translation>El espejo en %1 está en uso.</translation>
    </message>
    <message>
        <source>You are not allowed to do this, or the authentication was cancelled.</source>
        <comment>@info error</comment>
        <translation>No tiene permiso para hacer esto, o se canceló la autenticación.</translation>
    </message>
    <message>
        <source>The PassMirror helper could not be reached; check that PassMirror is installed completely.</source>
        <comment>@info error</comment>
        <translation>No se pudo contactar con el asistente de PassMirror; compruebe que PassMirror esté instalado por completo.</translation>
    </message>
    <message>
        <source>The helper did not answer in time.</source>
        <comment>@info error</comment>
        <translation>El asistente no respondió a tiempo.</translation>
    </message>
    <message>
        <source>The mirror daemon for %1 stopped unexpectedly.</source>
        <comment>@info error</comment>
        <translation>El demonio del espejo %1 se detuvo de forma inesperada.</translation>
    </message>
    <message>
        <source>This kernel has no FUSE over io_uring.</source>
        <comment>@info error</comment>
        <translation>Este núcleo no tiene FUSE sobre io_uring.</translation>
    </message>
    <message>
        <source>Unknown error %1.</source>
        <comment>@info error</comment>
        <translation>Error desconocido %1.</translation>
    </message>
    <message>
        <source>The source %1 is, or contains, a system folder of the kernel (such as /proc or /sys), which cannot be mirrored.</source>
        <comment>@info error</comment>
        <translation>El origen %1 es, o contiene, una carpeta del sistema del núcleo (como /proc o /sys), que no se puede reflejar.</translation>
    </message>
    <message>
        <source>The path %1 is not valid: it must be absolute, in UTF-8, without control characters and free of symbolic links.</source>
        <comment>@info error</comment>
        <translation>La ruta %1 no es válida: debe ser absoluta, en UTF-8, sin caracteres de control y sin enlaces simbólicos.</translation>
    </message>
</context>
<context>
    <name>PassMirror::Application</name>
    <message>
        <source>Quit PassMirror</source>
        <comment>@title:window</comment>
        <translation>Salir de PassMirror</translation>
    </message>
    <message numerus="yes">
        <source>%n mirror(s) are mounted. Unmount them before quitting, or leave them running?</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Hay %n espejo montado. ¿Desmontarlo antes de salir o dejarlo funcionando?</numerusform>
            <numerusform>Hay %n espejos montados. ¿Desmontarlos antes de salir o dejarlos funcionando?</numerusform>
        </translation>
    </message>
    <message>
        <source>Unmount and Quit</source>
        <comment>@action:button</comment>
        <translation>Desmontar y salir</translation>
    </message>
    <message>
        <source>Leave Running and Quit</source>
        <comment>@action:button</comment>
        <translation>Dejar funcionando y salir</translation>
    </message>
    <message>
        <source>Start in the tray without showing the window</source>
        <comment>@info:shell command-line option</comment>
        <translation>Iniciar en la bandeja sin mostrar la ventana</translation>
    </message>
    <message>
        <source>Mount the mirrors marked &quot;mount at login&quot;</source>
        <comment>@info:shell command-line option</comment>
        <translation>Montar los espejos marcados «montar al iniciar sesión»</translation>
    </message>
</context>
<context>
    <name>PassMirror::DetailsPanel</name>
    <message>
        <source>Mirror details</source>
        <comment>@info:accessible</comment>
        <translation>Detalles del espejo</translation>
    </message>
    <message>
        <source>State:</source>
        <comment>@label</comment>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Source:</source>
        <comment>@label</comment>
        <translation>Origen:</translation>
    </message>
    <message>
        <source>Mount point:</source>
        <comment>@label</comment>
        <translation>Punto de montaje:</translation>
    </message>
    <message>
        <source>Data path:</source>
        <comment>@label</comment>
        <translation>Ruta de datos:</translation>
    </message>
    <message>
        <source>Open now:</source>
        <comment>@label files and folders open in the mirror</comment>
        <translation>Abiertos ahora:</translation>
    </message>
    <message>
        <source>Bytes:</source>
        <comment>@label</comment>
        <translation>Bytes:</translation>
    </message>
    <message>
        <source>Opens served:</source>
        <comment>@label</comment>
        <translation>Aperturas atendidas:</translation>
    </message>
    <message>
        <source>Requests and errors per operation</source>
        <comment>@info:accessible table</comment>
        <translation>Solicitudes y errores por operación</translation>
    </message>
    <message>
        <source>Operation</source>
        <comment>@title:column</comment>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Requests</source>
        <comment>@title:column</comment>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>Errors</source>
        <comment>@title:column</comment>
        <translation>Errores</translation>
    </message>
    <message>
        <source>No mirror selected</source>
        <comment>@info</comment>
        <translation>Ningún espejo seleccionado</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>@info state — why</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 files, %2 folders</source>
        <comment>@info open now</comment>
        <translation>%1 archivos, %2 carpetas</translation>
    </message>
    <message>
        <source>%1 read, %2 written through the daemon</source>
        <comment>@info</comment>
        <translation>%1 leídos, %2 escritos a través del demonio</translation>
    </message>
    <message>
        <source>%1 by kernel passthrough, %2 in userspace, %3 fell back</source>
        <comment>@info</comment>
        <translation>%1 por passthrough del núcleo, %2 en espacio de usuario, %3 con respaldo</translation>
    </message>
    <message>
        <source>Operation columns</source>
        <comment>@info:accessible</comment>
        <translation>Columnas de las operaciones</translation>
    </message>
    <message>
        <source>/dev/fuse</source>
        <comment>@info FUSE transport (a device file name)</comment>
        <translation>/dev/fuse</translation>
    </message>
    <message>
        <source>FUSE over io_uring</source>
        <comment>@info FUSE transport</comment>
        <translation>FUSE sobre io_uring</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <comment>@info FUSE transport not reported yet</comment>
        <translation>Aún no se sabe</translation>
    </message>
    <message>
        <source>Requests via:</source>
        <comment>@label how FUSE requests reach the daemon</comment>
        <translation>Peticiones por:</translation>
    </message>
</context>
<context>
    <name>PassMirror::IoUringDialog</name>
    <message>
        <source>FUSE over io_uring</source>
        <comment>@title:window</comment>
        <translation>FUSE sobre io_uring</translation>
    </message>
    <message>
        <source>FUSE over io_uring lets the kernel hand requests to mirror daemons through shared rings instead of the /dev/fuse device, which makes opening and closing files faster. It is a switch of the kernel for the whole computer: every FUSE file system mounted after the change, by any user, may use it. Mirrors already mounted keep their transport until they are mounted again. The kernel forgets the setting when the computer restarts.</source>
        <comment>@info</comment>
        <translation>Con FUSE sobre io_uring, el núcleo entrega las peticiones a los demonios de los espejos mediante anillos compartidos en lugar del dispositivo /dev/fuse, lo que acelera la apertura y el cierre de archivos. Es un interruptor del núcleo para todo el equipo: cualquier sistema de archivos FUSE montado después del cambio, por cualquier usuario, puede usarlo. Los espejos ya montados conservan su transporte hasta que se vuelvan a montar. El núcleo olvida el ajuste al reiniciar el equipo.</translation>
    </message>
    <message>
        <source>Kernel switch:</source>
        <comment>@label</comment>
        <translation>Interruptor del núcleo:</translation>
    </message>
    <message>
        <source>Kernel switch</source>
        <comment>@label accessible</comment>
        <translation>Interruptor del núcleo</translation>
    </message>
    <message>
        <source>&amp;Use FUSE over io_uring on this computer</source>
        <comment>@option:check</comment>
        <translation>&amp;Usar FUSE sobre io_uring en este equipo</translation>
    </message>
    <message>
        <source>Changing it needs administrator authentication.</source>
        <comment>@info</comment>
        <translation>Cambiarlo requiere autenticación de administrador.</translation>
    </message>
    <message>
        <source>Result</source>
        <comment>@label accessible</comment>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <comment>@action:button change the kernel switch</comment>
        <translation>&amp;Aplicar</translation>
    </message>
    <message>
        <source>On</source>
        <comment>@info kernel switch</comment>
        <translation>Activado</translation>
    </message>
    <message>
        <source>Off</source>
        <comment>@info kernel switch</comment>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Not available: this kernel has no FUSE over io_uring (Linux 6.14 or newer built with CONFIG_FUSE_IO_URING)</source>
        <comment>@info kernel switch</comment>
        <translation>No disponible: este núcleo no tiene FUSE sobre io_uring (Linux 6.14 o posterior compilado con CONFIG_FUSE_IO_URING)</translation>
    </message>
    <message>
        <source>Asking for administrator authentication…</source>
        <comment>@info</comment>
        <translation>Solicitando autenticación de administrador…</translation>
    </message>
    <message>
        <source>FUSE over io_uring is on; mirrors mounted from now on may use it.</source>
        <comment>@info</comment>
        <translation>FUSE sobre io_uring está activado; los espejos que se monten a partir de ahora pueden usarlo.</translation>
    </message>
    <message>
        <source>FUSE over io_uring is off; mirrors mounted from now on use /dev/fuse.</source>
        <comment>@info</comment>
        <translation>FUSE sobre io_uring está desactivado; los espejos que se monten a partir de ahora usan /dev/fuse.</translation>
    </message>
    <message>
        <source>Use FUSE over io_uring on this computer</source>
        <comment>@option:check accessible</comment>
        <translation>Usar FUSE sobre io_uring en este equipo</translation>
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
        <translation>Espejos</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <comment>@action:button hide the message</comment>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <comment>@action:button accessible</comment>
        <translation>Descartar el mensaje</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>@info mirror name: what went wrong</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&amp;Add Mirror…</source>
        <comment>@action</comment>
        <translation>&amp;Añadir espejo…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <comment>@action</comment>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <comment>@action</comment>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>&amp;Mount</source>
        <comment>@action</comment>
        <translation>&amp;Montar</translation>
    </message>
    <message>
        <source>&amp;Unmount</source>
        <comment>@action</comment>
        <translation>&amp;Desmontar</translation>
    </message>
    <message>
        <source>&amp;Open in File Manager</source>
        <comment>@action</comment>
        <translation>Abrir en el gestor de a&amp;rchivos</translation>
    </message>
    <message>
        <source>Mount A&amp;ll</source>
        <comment>@action</comment>
        <translation>Montar &amp;todos</translation>
    </message>
    <message>
        <source>Unmount Al&amp;l</source>
        <comment>@action</comment>
        <translation>Desmontar to&amp;dos</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <comment>@action</comment>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Start at Login</source>
        <comment>@option:check</comment>
        <translation>&amp;Iniciar al iniciar sesión</translation>
    </message>
    <message>
        <source>&amp;Mirror</source>
        <comment>@title:menu</comment>
        <translation>&amp;Espejo</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <comment>@title:menu</comment>
        <translation>&amp;Preferencias</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <comment>@title:window</comment>
        <translation>Barra de herramientas principal</translation>
    </message>
    <message>
        <source>Remove Mirror</source>
        <comment>@title:window</comment>
        <translation>Quitar espejo</translation>
    </message>
    <message>
        <source>Remove the mirror &quot;%1&quot;? It is unmounted first if it is mounted; the source folder is not touched.</source>
        <comment>@info</comment>
        <translation>¿Quitar el espejo «%1»? Si está montado, primero se desmonta; la carpeta de origen no se toca.</translation>
    </message>
    <message>
        <source>Remove</source>
        <comment>@action:button</comment>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>The mirror &quot;%1&quot; is in use and was not unmounted.</source>
        <comment>@info</comment>
        <translation>El espejo «%1» está en uso y no se ha desmontado.</translation>
    </message>
    <message>
        <source>Programs using it: %1</source>
        <comment>@info</comment>
        <translation>Programas que lo usan: %1</translation>
    </message>
    <message>
        <source>Force unmount detaches it now; those programs lose access to their open files.</source>
        <comment>@info</comment>
        <translation>Forzar el desmontaje lo separa ahora; esos programas pierden el acceso a sus archivos abiertos.</translation>
    </message>
    <message>
        <source>Mirror in Use</source>
        <comment>@title:window</comment>
        <translation>Espejo en uso</translation>
    </message>
    <message>
        <source>Force Unmount</source>
        <comment>@action:button</comment>
        <translation>Forzar desmontaje</translation>
    </message>
    <message>
        <source>Mirror list columns</source>
        <comment>@info:accessible</comment>
        <translation>Columnas de la lista de espejos</translation>
    </message>
    <message>
        <source>FUSE over &amp;io_uring…</source>
        <comment>@action</comment>
        <translation>FUSE sobre &amp;io_uring…</translation>
    </message>
    <message>
        <source>Selected mirror</source>
        <comment>@info:accessible tabs</comment>
        <translation>Espejo seleccionado</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <comment>@title:tab</comment>
        <translation>&amp;Detalles</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <comment>@title:tab requests to the mirror, one by one</comment>
        <translation>&amp;Actividad</translation>
    </message>
    <message>
        <source>What programs do in the mirror, request by request</source>
        <comment>@info:tooltip</comment>
        <translation>Lo que hacen los programas en el espejo, solicitud a solicitud</translation>
    </message>
    <message>
        <source>Configure Global S&amp;hortcut…</source>
        <comment>@action</comment>
        <translation>Configurar el &amp;atajo global…</translation>
    </message>
    <message>
        <source>%1: mounted meanwhile; unmount it to change its folders.</source>
        <comment>@info mirror name</comment>
        <translation>%1: se montó mientras tanto; desmóntelo para cambiar sus carpetas.</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorController</name>
    <message>
        <source>Cannot write the autostart entry %1</source>
        <comment>@info</comment>
        <translation>No se puede escribir la entrada de inicio automático %1</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorDialog</name>
    <message>
        <source>Add Mirror</source>
        <comment>@title:window</comment>
        <translation>Añadir espejo</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <comment>@label:textbox</comment>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>@label:textbox accessible</comment>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Source folder</source>
        <comment>@label:textbox accessible</comment>
        <translation>Carpeta de origen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <comment>@action:button choose the source folder</comment>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Choose the source folder</source>
        <comment>@action:button accessible</comment>
        <translation>Elegir la carpeta de origen</translation>
    </message>
    <message>
        <source>&amp;Source folder:</source>
        <comment>@label:textbox</comment>
        <translation>Carpeta de &amp;origen:</translation>
    </message>
    <message>
        <source>Mount point</source>
        <comment>@label:textbox accessible</comment>
        <translation>Punto de montaje</translation>
    </message>
    <message>
        <source>Browse…</source>
        <comment>@action:button choose the mount point</comment>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Choose the mount point</source>
        <comment>@action:button accessible</comment>
        <translation>Elegir el punto de montaje</translation>
    </message>
    <message>
        <source>Create under ~/Mirrors</source>
        <comment>@action:button</comment>
        <translation>Crear en ~/Mirrors</translation>
    </message>
    <message>
        <source>&amp;Mount point:</source>
        <comment>@label:textbox</comment>
        <translation>&amp;Punto de montaje:</translation>
    </message>
    <message>
        <source>&amp;Read-only</source>
        <comment>@option:check</comment>
        <translation>Solo &amp;lectura</translation>
    </message>
    <message>
        <source>Read-only</source>
        <comment>@option:check accessible</comment>
        <translation>Solo lectura</translation>
    </message>
    <message>
        <source>Automatic (kernel passthrough when available)</source>
        <comment>@item:inlistbox</comment>
        <translation>Automático (passthrough del núcleo si está disponible)</translation>
    </message>
    <message>
        <source>Always kernel passthrough</source>
        <comment>@item:inlistbox</comment>
        <translation>Siempre passthrough del núcleo</translation>
    </message>
    <message>
        <source>Never (data through the daemon)</source>
        <comment>@item:inlistbox</comment>
        <translation>Nunca (datos a través del demonio)</translation>
    </message>
    <message>
        <source>Data path</source>
        <comment>@label:listbox accessible</comment>
        <translation>Ruta de datos</translation>
    </message>
    <message>
        <source>&amp;Data path:</source>
        <comment>@label:listbox</comment>
        <translation>&amp;Ruta de datos:</translation>
    </message>
    <message>
        <source>Mount at &amp;login</source>
        <comment>@option:check</comment>
        <translation>Montar al &amp;iniciar sesión</translation>
    </message>
    <message>
        <source>Mount at login</source>
        <comment>@option:check accessible</comment>
        <translation>Montar al iniciar sesión</translation>
    </message>
    <message>
        <source>OK</source>
        <comment>@action:button accessible</comment>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <comment>@action:button accessible</comment>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Choose the Folder to Mirror</source>
        <comment>@title:window</comment>
        <translation>Elegir la carpeta que reflejar</translation>
    </message>
    <message>
        <source>Choose an Empty Folder for the Mirror</source>
        <comment>@title:window</comment>
        <translation>Elegir una carpeta vacía para el espejo</translation>
    </message>
    <message>
        <source>Edit Mirror</source>
        <comment>@title:window</comment>
        <translation>Editar espejo</translation>
    </message>
    <message>
        <source>mirror</source>
        <comment>@item default folder name under ~/Mirrors</comment>
        <translation>espejo</translation>
    </message>
    <message>
        <source>Mount when the source is a&amp;vailable</source>
        <comment>@option:check</comment>
        <translation>Montar cuando el origen esté &amp;disponible</translation>
    </message>
    <message>
        <source>Mount when the source is available</source>
        <comment>@option:check accessible</comment>
        <translation>Montar cuando el origen esté disponible</translation>
    </message>
    <message>
        <source>Waits while the source folder or its drive is missing, mounts as soon as it appears and unmounts when it goes away.</source>
        <comment>@info:tooltip</comment>
        <translation>Espera mientras falte la carpeta de origen o su unidad, monta en cuanto aparece y desmonta cuando desaparece.</translation>
    </message>
    <message>
        <source>Unmount when the screen loc&amp;ks</source>
        <comment>@option:check</comment>
        <translation>Desmontar cuando la pantalla se &amp;bloquee</translation>
    </message>
    <message>
        <source>Unmount when the screen locks</source>
        <comment>@option:check accessible</comment>
        <translation>Desmontar cuando la pantalla se bloquee</translation>
    </message>
    <message>
        <source>Mount again on &amp;unlock</source>
        <comment>@option:check</comment>
        <translation>Volver a montar al desblo&amp;quear</translation>
    </message>
    <message>
        <source>Mount again when the screen is unlocked</source>
        <comment>@option:check accessible</comment>
        <translation>Volver a montar cuando se desbloquee la pantalla</translation>
    </message>
    <message>
        <source>Never</source>
        <comment>@item:valuesuffix unmount when idle: never</comment>
        <translation>Nunca</translation>
    </message>
    <message>
        <source> min</source>
        <comment>@item:valuesuffix minutes</comment>
        <translation> min</translation>
    </message>
    <message>
        <source>Unmount after this many minutes without activity</source>
        <comment>@label:spinbox accessible</comment>
        <translation>Desmontar tras estos minutos sin actividad</translation>
    </message>
    <message>
        <source>Unmount when &amp;idle for:</source>
        <comment>@label:spinbox</comment>
        <translation>Desmontar tras &amp;inactividad de:</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorListModel</name>
    <message>
        <source>Stopped</source>
        <comment>@item mirror state</comment>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>Mounting</source>
        <comment>@item mirror state</comment>
        <translation>Montando</translation>
    </message>
    <message>
        <source>Mounted</source>
        <comment>@item mirror state</comment>
        <translation>Montado</translation>
    </message>
    <message>
        <source>Unmounting</source>
        <comment>@item mirror state</comment>
        <translation>Desmontando</translation>
    </message>
    <message>
        <source>Error</source>
        <comment>@item mirror state</comment>
        <translation>Error</translation>
    </message>
    <message>
        <source>Kernel passthrough</source>
        <comment>@item how file data reaches the mirror</comment>
        <translation>Passthrough del núcleo</translation>
    </message>
    <message>
        <source>Userspace</source>
        <comment>@item how file data reaches the mirror</comment>
        <translation>Espacio de usuario</translation>
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
        <translation>Nombre</translation>
    </message>
    <message>
        <source>State</source>
        <comment>@title:column</comment>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Source</source>
        <comment>@title:column</comment>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Mount Point</source>
        <comment>@title:column</comment>
        <translation>Punto de montaje</translation>
    </message>
    <message>
        <source>Data Path</source>
        <comment>@title:column</comment>
        <translation>Ruta de datos</translation>
    </message>
    <message>
        <source>Opens</source>
        <comment>@title:column count of open requests</comment>
        <translation>Aperturas</translation>
    </message>
    <message>
        <source>Opens/s</source>
        <comment>@title:column</comment>
        <translation>Aperturas/s</translation>
    </message>
    <message>
        <source>Flushes</source>
        <comment>@title:column count of flush requests</comment>
        <translation>Vaciados</translation>
    </message>
    <message>
        <source>Flushes/s</source>
        <comment>@title:column</comment>
        <translation>Vaciados/s</translation>
    </message>
    <message>
        <source>Closes</source>
        <comment>@title:column count of release requests</comment>
        <translation>Cierres</translation>
    </message>
    <message>
        <source>Closes/s</source>
        <comment>@title:column</comment>
        <translation>Cierres/s</translation>
    </message>
    <message>
        <source>The mirror&apos;s mount is gone, but its daemon did not clean up.</source>
        <comment>@info</comment>
        <translation>El montaje del espejo ha desaparecido, pero su demonio no lo ha limpiado.</translation>
    </message>
    <message>
        <source>The mirror&apos;s daemon died.</source>
        <comment>@info</comment>
        <translation>El demonio del espejo ha muerto.</translation>
    </message>
    <message>
        <source>Waiting</source>
        <comment>@item mirror state</comment>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Waiting for %1</source>
        <comment>@item mirror state: the folder or drive it waits for</comment>
        <translation>Esperando a %1</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorValidation</name>
    <message>
        <source>Choose the folder to mirror.</source>
        <translation>Elija la carpeta que reflejar.</translation>
    </message>
    <message>
        <source>Choose an empty folder to show the mirror in.</source>
        <translation>Elija una carpeta vacía donde mostrar el espejo.</translation>
    </message>
    <message>
        <source>The source path contains a NUL character.</source>
        <translation>La ruta de origen contiene un carácter NUL.</translation>
    </message>
    <message>
        <source>The mount point path contains a NUL character.</source>
        <translation>La ruta del punto de montaje contiene un carácter NUL.</translation>
    </message>
    <message>
        <source>The source path is not valid UTF-8.</source>
        <translation>La ruta de origen no es UTF-8 válido.</translation>
    </message>
    <message>
        <source>The mount point path is not valid UTF-8.</source>
        <translation>La ruta del punto de montaje no es UTF-8 válido.</translation>
    </message>
    <message>
        <source>The source must be an absolute path (starting with /).</source>
        <translation>El origen debe ser una ruta absoluta (que empiece por /).</translation>
    </message>
    <message>
        <source>The mount point must be an absolute path (starting with /).</source>
        <translation>El punto de montaje debe ser una ruta absoluta (que empiece por /).</translation>
    </message>
    <message>
        <source>The source path or one of its names is too long.</source>
        <translation>La ruta de origen o uno de sus nombres es demasiado largo.</translation>
    </message>
    <message>
        <source>The mount point path or one of its names is too long.</source>
        <translation>La ruta del punto de montaje o uno de sus nombres es demasiado largo.</translation>
    </message>
    <message>
        <source>The source path must not contain &quot;.&quot; or &quot;..&quot;.</source>
        <translation>La ruta de origen no debe contener «.» ni «..».</translation>
    </message>
    <message>
        <source>The mount point path must not contain &quot;.&quot; or &quot;..&quot;.</source>
        <translation>La ruta del punto de montaje no debe contener «.» ni «..».</translation>
    </message>
    <message>
        <source>The source folder does not exist.</source>
        <translation>La carpeta de origen no existe.</translation>
    </message>
    <message>
        <source>The mount point does not exist; create it or use &quot;Create under ~/Mirrors&quot;.</source>
        <translation>El punto de montaje no existe; créelo o use «Crear en ~/Mirrors».</translation>
    </message>
    <message>
        <source>The source path contains a symbolic link.</source>
        <translation>La ruta de origen contiene un enlace simbólico.</translation>
    </message>
    <message>
        <source>The mount point path contains a symbolic link.</source>
        <translation>La ruta del punto de montaje contiene un enlace simbólico.</translation>
    </message>
    <message>
        <source>You cannot reach the source folder.</source>
        <translation>No puede acceder a la carpeta de origen.</translation>
    </message>
    <message>
        <source>You cannot reach the mount point.</source>
        <translation>No puede acceder al punto de montaje.</translation>
    </message>
    <message>
        <source>Give the mirror a name.</source>
        <translation>Dé un nombre al espejo.</translation>
    </message>
    <message>
        <source>Another mirror already has this name.</source>
        <translation>Otro espejo ya tiene este nombre.</translation>
    </message>
    <message>
        <source>The source is not a folder.</source>
        <translation>El origen no es una carpeta.</translation>
    </message>
    <message>
        <source>You cannot read the source folder.</source>
        <translation>No puede leer la carpeta de origen.</translation>
    </message>
    <message>
        <source>Another mirror already uses this mount point.</source>
        <translation>Otro espejo ya usa este punto de montaje.</translation>
    </message>
    <message>
        <source>The mount point is not a folder.</source>
        <translation>El punto de montaje no es una carpeta.</translation>
    </message>
    <message>
        <source>The mount point belongs to someone else; use a folder of your own.</source>
        <translation>El punto de montaje pertenece a otra persona; use una carpeta propia.</translation>
    </message>
    <message>
        <source>The mount point is not empty; use an empty folder.</source>
        <translation>El punto de montaje no está vacío; use una carpeta vacía.</translation>
    </message>
    <message>
        <source>The mount point is inside the source folder; the mirror would contain itself.</source>
        <translation>El punto de montaje está dentro de la carpeta de origen; el espejo se contendría a sí mismo.</translation>
    </message>
    <message>
        <source>The source folder is inside the mount point.</source>
        <translation>La carpeta de origen está dentro del punto de montaje.</translation>
    </message>
    <message>
        <source>The source is, or contains, a system folder of the kernel (such as /proc); it cannot be mirrored.</source>
        <translation>El origen es, o contiene, una carpeta del sistema del núcleo (como /proc); no se puede reflejar.</translation>
    </message>
    <message>
        <source>The source path contains a control character (such as a line break or a tab).</source>
        <translation>La ruta de origen contiene un carácter de control (como un salto de línea o un tabulador).</translation>
    </message>
    <message>
        <source>The mount point path contains a control character (such as a line break or a tab).</source>
        <translation>La ruta del punto de montaje contiene un carácter de control (como un salto de línea o un tabulador).</translation>
    </message>
</context>
<context>
    <name>PassMirror::Notifier</name>
    <message>
        <source>Mirror Mounted</source>
        <comment>@title notification</comment>
        <translation>Espejo montado</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is mounted at %2.</source>
        <comment>@info notification</comment>
        <translation>«%1» está montado en %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is in use and stays mounted.</source>
        <comment>@info notification</comment>
        <translation>«%1» está en uso y sigue montado.</translation>
    </message>
    <message>
        <source>Used by: %1</source>
        <comment>@info notification</comment>
        <translation>Usado por: %1</translation>
    </message>
    <message>
        <source>Mirror Not Unmounted</source>
        <comment>@title notification</comment>
        <translation>Espejo no desmontado</translation>
    </message>
    <message>
        <source>Mirror Stopped</source>
        <comment>@title notification</comment>
        <translation>Espejo detenido</translation>
    </message>
    <message>
        <source>The daemon of &quot;%1&quot; died; the mirror is no longer available.</source>
        <comment>@info notification</comment>
        <translation>El demonio de «%1» ha muerto; el espejo ya no está disponible.</translation>
    </message>
    <message numerus="yes">
        <source>%n mirror(s) mounted.</source>
        <comment>@info notification</comment>
        <translation>
            <numerusform>%n espejo montado.</numerusform>
            <numerusform>%n espejos montados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mirror(s) could not be mounted; see the window for why.</source>
        <comment>@info notification</comment>
        <translation>
            <numerusform>No se pudo montar %n espejo; vea la ventana para saber por qué.</numerusform>
            <numerusform>No se pudieron montar %n espejos; vea la ventana para saber por qué.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mirrors at Login</source>
        <comment>@title notification</comment>
        <translation>Espejos al iniciar sesión</translation>
    </message>
    <message>
        <source>"%1" is being unmounted: %2 went away.</source>
        <comment>@info notification mirror name, its source folder or drive</comment>
        <translation>«%1» se está desmontando: %2 ha desaparecido.</translation>
    </message>
    <message>
        <source>"%1" is being unmounted because the screen locked.</source>
        <comment>@info notification</comment>
        <translation>«%1» se está desmontando porque la pantalla se bloqueó.</translation>
    </message>
    <message numerus="yes">
        <source>"%1" is being unmounted after %n minute(s) without activity.</source>
        <comment>@info notification</comment>
        <translation>
            <numerusform>«%1» se está desmontando tras %n minuto sin actividad.</numerusform>
            <numerusform>«%1» se está desmontando tras %n minutos sin actividad.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mirror Unmounted</source>
        <comment>@title notification</comment>
        <translation>Espejo desmontado</translation>
    </message>
</context>
<context>
    <name>PassMirror::RatePlot</name>
    <message>
        <source>Open, flush and close rates over the last five minutes</source>
        <comment>@info:accessible chart</comment>
        <translation>Tasas de apertura, vaciado y cierre de los últimos cinco minutos</translation>
    </message>
    <message>
        <source>Opens/s</source>
        <comment>@label chart legend</comment>
        <translation>Aperturas/s</translation>
    </message>
    <message>
        <source>Flushes/s</source>
        <comment>@label chart legend</comment>
        <translation>Vaciados/s</translation>
    </message>
    <message>
        <source>Closes/s</source>
        <comment>@label chart legend</comment>
        <translation>Cierres/s</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <comment>@label chart axis</comment>
        <translation>hace %1 min</translation>
    </message>
    <message>
        <source>now</source>
        <comment>@label chart axis</comment>
        <translation>ahora</translation>
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
        <translation>Desmontar todos</translation>
    </message>
    <message>
        <source>Show Window</source>
        <comment>@action tray menu</comment>
        <translation>Mostrar ventana</translation>
    </message>
    <message>
        <source>Quit</source>
        <comment>@action tray menu</comment>
        <translation>Salir</translation>
    </message>
    <message>
        <source>%1 of %2 mirrors mounted</source>
        <comment>@info:tooltip</comment>
        <translation>%1 de %2 espejos montados</translation>
    </message>
    <message>
        <source>%1 with errors</source>
        <comment>@info:tooltip mirrors</comment>
        <translation>%1 con errores</translation>
    </message>
    <message>
        <source>%1: %2 opens, %3 flushes, %4 closes</source>
        <comment>@info:tooltip</comment>
        <translation>%1: %2 aperturas, %3 vaciados, %4 cierres</translation>
    </message>
    <message>
        <source>PassMirror</source>
        <comment>@title tray tooltip</comment>
        <translation>PassMirror</translation>
    </message>
    <message>
        <source>%1 (waiting for %2)</source>
        <comment>@action:inmenu mirror name, the folder or drive it waits for</comment>
        <translation>%1 (esperando a %2)</translation>
    </message>
    <message>
        <source>%1: waiting for %2</source>
        <comment>@info:tooltip mirror name, the folder or drive it waits for</comment>
        <translation>%1: esperando a %2</translation>
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
        <translation>correcto</translation>
    </message>
    <message>
        <source>Time</source>
        <comment>@title:column</comment>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Process</source>
        <comment>@title:column command[pid]</comment>
        <translation>Proceso</translation>
    </message>
    <message>
        <source>User</source>
        <comment>@title:column</comment>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Operation</source>
        <comment>@title:column</comment>
        <translation>Operación</translation>
    </message>
    <message>
        <source>File</source>
        <comment>@title:column</comment>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Result</source>
        <comment>@title:column ok or an error name</comment>
        <translation>Resultado</translation>
    </message>
</context>
<context>
    <name>PassMirror::ActivityPanel</name>
    <message>
        <source>Mirror activity</source>
        <comment>@info:accessible</comment>
        <translation>Actividad del espejo</translation>
    </message>
    <message>
        <source>Lost: events the daemon wrote over in its ring before the window could read them.</source>
        <comment>@info:tooltip</comment>
        <translation>Perdidos: eventos que el demonio sobrescribió en su anillo antes de que la ventana pudiera leerlos.</translation>
    </message>
    <message>
        <source>Requests to the mirror, newest last</source>
        <comment>@info:accessible table</comment>
        <translation>Solicitudes al espejo, las más recientes al final</translation>
    </message>
    <message>
        <source>Activity columns</source>
        <comment>@info:accessible</comment>
        <translation>Columnas de la actividad</translation>
    </message>
    <message>
        <source>Resumed: %1 events caught up, %2 skipped while paused</source>
        <comment>@info activity status</comment>
        <translation>Reanudado: %1 eventos recuperados, %2 omitidos durante la pausa</translation>
    </message>
    <message>
        <source>Process filter</source>
        <comment>@info:accessible</comment>
        <translation>Filtro de proceso</translation>
    </message>
    <message>
        <source>name or PID</source>
        <comment>@info:placeholder</comment>
        <translation>nombre o PID</translation>
    </message>
    <message>
        <source>Show only one process: its PID, or part of its command name.</source>
        <comment>@info:tooltip</comment>
        <translation>Mostrar solo un proceso: su PID o parte del nombre de su orden.</translation>
    </message>
    <message>
        <source>Pro&amp;cess:</source>
        <comment>@label:textbox</comment>
        <translation>Pro&amp;ceso:</translation>
    </message>
    <message>
        <source>Operation filter</source>
        <comment>@info:accessible</comment>
        <translation>Filtro de operación</translation>
    </message>
    <message>
        <source>Show only one kind of request.</source>
        <comment>@info:tooltip</comment>
        <translation>Mostrar solo un tipo de solicitud.</translation>
    </message>
    <message>
        <source>All operations</source>
        <comment>@item:inlistbox</comment>
        <translation>Todas las operaciones</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <comment>@label:listbox</comment>
        <translation>&amp;Operación:</translation>
    </message>
    <message>
        <source>Path filter</source>
        <comment>@info:accessible</comment>
        <translation>Filtro de ruta</translation>
    </message>
    <message>
        <source>part of the path</source>
        <comment>@info:placeholder</comment>
        <translation>parte de la ruta</translation>
    </message>
    <message>
        <source>Show only files whose path in the mirror contains this text.</source>
        <comment>@info:tooltip</comment>
        <translation>Mostrar solo los archivos cuya ruta en el espejo contiene este texto.</translation>
    </message>
    <message>
        <source>Pat&amp;h:</source>
        <comment>@label:textbox</comment>
        <translation>Ru&amp;ta:</translation>
    </message>
    <message>
        <source>&amp;Errors only</source>
        <comment>@option:check</comment>
        <translation>Só&amp;lo errores</translation>
    </message>
    <message>
        <source>Errors only</source>
        <comment>@info:accessible</comment>
        <translation>Solo errores</translation>
    </message>
    <message>
        <source>Show only requests answered with an error.</source>
        <comment>@info:tooltip</comment>
        <translation>Mostrar solo las solicitudes respondidas con un error.</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <comment>@action:button</comment>
        <translation>Pa&amp;usar</translation>
    </message>
    <message>
        <source>Pause</source>
        <comment>@action:button accessible</comment>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Keep the table still; events are still read and counted, and go in when you resume.</source>
        <comment>@info:tooltip</comment>
        <translation>Detener la tabla; los eventos se siguen leyendo y contando, y se añaden al reanudar.</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <comment>@action:button</comment>
        <translation>&amp;Vaciar</translation>
    </message>
    <message>
        <source>Clear the table</source>
        <comment>@action:button accessible</comment>
        <translation>Vaciar la tabla</translation>
    </message>
    <message>
        <source>Remove the rows shown and start the top views afresh; new events keep coming.</source>
        <comment>@info:tooltip</comment>
        <translation>Quitar las filas mostradas y empezar de nuevo las clasificaciones; los eventos nuevos siguen llegando.</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <comment>@action:button</comment>
        <translation>E&amp;xportar CSV…</translation>
    </message>
    <message>
        <source>Export the rows shown as CSV</source>
        <comment>@action:button accessible</comment>
        <translation>Exportar las filas mostradas como CSV</translation>
    </message>
    <message>
        <source>Save the rows shown now, after the filters, as a CSV file.</source>
        <comment>@info:tooltip</comment>
        <translation>Guardar las filas mostradas ahora, tras los filtros, en un archivo CSV.</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <comment>@action:button</comment>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>Resume</source>
        <comment>@action:button accessible</comment>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Time the top views cover</source>
        <comment>@info:accessible</comment>
        <translation>Periodo de las clasificaciones</translation>
    </message>
    <message>
        <source>How far back the busiest processes, files and the errors reach.</source>
        <comment>@info:tooltip</comment>
        <translation>Hasta cuándo se remontan los procesos y archivos más activos y los errores.</translation>
    </message>
    <message>
        <source>10 seconds</source>
        <comment>@item:inlistbox time window</comment>
        <translation>10 segundos</translation>
    </message>
    <message>
        <source>1 minute</source>
        <comment>@item:inlistbox time window</comment>
        <translation>1 minuto</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <comment>@item:inlistbox time window</comment>
        <translation>5 minutos</translation>
    </message>
    <message>
        <source>&amp;Top in the last:</source>
        <comment>@label:listbox</comment>
        <translation>&amp;Más activos en:</translation>
    </message>
    <message>
        <source>Busiest processes</source>
        <comment>@info:accessible table</comment>
        <translation>Procesos más activos</translation>
    </message>
    <message>
        <source>Process</source>
        <comment>@title:column command[pid]</comment>
        <translation>Proceso</translation>
    </message>
    <message>
        <source>User</source>
        <comment>@title:column</comment>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Requests</source>
        <comment>@title:column</comment>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>Errors</source>
        <comment>@title:column</comment>
        <translation>Errores</translation>
    </message>
    <message>
        <source>Busiest files</source>
        <comment>@info:accessible table</comment>
        <translation>Archivos más activos</translation>
    </message>
    <message>
        <source>File</source>
        <comment>@title:column</comment>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Errors by operation</source>
        <comment>@info:accessible table</comment>
        <translation>Errores por operación</translation>
    </message>
    <message>
        <source>Operation</source>
        <comment>@title:column</comment>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Error</source>
        <comment>@title:column errno name</comment>
        <translation>Error</translation>
    </message>
    <message>
        <source>Count</source>
        <comment>@title:column</comment>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Processes</source>
        <comment>@title:group busiest processes</comment>
        <translation>Procesos</translation>
    </message>
    <message>
        <source>Files</source>
        <comment>@title:group busiest files</comment>
        <translation>Archivos</translation>
    </message>
    <message>
        <source>Errors</source>
        <comment>@title:group errors by operation</comment>
        <translation>Errores</translation>
    </message>
    <message>
        <source>Select a mirror to see what programs do in it.</source>
        <comment>@info</comment>
        <translation>Seleccione un espejo para ver lo que hacen los programas en él.</translation>
    </message>
    <message>
        <source>“%1” is not mounted. What programs do in it shows here while it is mounted.</source>
        <comment>@info</comment>
        <translation>«%1» no está montado. Lo que hacen los programas en él aparece aquí mientras está montado.</translation>
    </message>
    <message>
        <source>“%1” keeps no record of its activity: its daemon was started with --no-activity. The counters on the Details tab still count every request.</source>
        <comment>@info</comment>
        <translation>«%1» no guarda registro de su actividad: su demonio se inició con --no-activity. Los contadores de la pestaña Detalles siguen contando cada solicitud.</translation>
    </message>
    <message>
        <source>The activity record of “%1” cannot be read: %2</source>
        <comment>@info</comment>
        <translation>No se puede leer el registro de actividad de «%1»: %2</translation>
    </message>
    <message>
        <source>“%1” is not mounted any more; these are the last events read from it</source>
        <comment>@info activity status</comment>
        <translation>«%1» ya no está montado; estos son los últimos eventos leídos de él</translation>
    </message>
    <message>
        <source>Events read: %1</source>
        <comment>@info activity status</comment>
        <translation>Eventos leídos: %1</translation>
    </message>
    <message>
        <source>Lost: %1</source>
        <comment>@info activity status: events overwritten in the ring before they were read</comment>
        <translation>Perdidos: %1</translation>
    </message>
    <message>
        <source>Shown: %1 of the last %2</source>
        <comment>@info activity status: rows after the filters of the rows kept</comment>
        <translation>Mostrados: %1 de los últimos %2</translation>
    </message>
    <message>
        <source>The ring closed: the mirror's daemon has ended</source>
        <comment>@info activity status</comment>
        <translation>El anillo se cerró: el demonio del espejo ha terminado</translation>
    </message>
    <message>
        <source>Paused: %1 new events held, %2 skipped</source>
        <comment>@info activity status</comment>
        <translation>En pausa: %1 eventos nuevos retenidos, %2 omitidos</translation>
    </message>
    <message>
        <source>%1 requests in this time</source>
        <comment>@info top views</comment>
        <translation>%1 solicitudes en este periodo</translation>
    </message>
    <message>
        <source>%1 requests in the last %2 s only: at most %3 events are kept</source>
        <comment>@info top views</comment>
        <translation>%1 solicitudes solo en los últimos %2 s: se guardan como mucho %3 eventos</translation>
    </message>
    <message>
        <source>Export Activity as CSV</source>
        <comment>@title:window</comment>
        <translation>Exportar la actividad como CSV</translation>
    </message>
    <message>
        <source>%1-activity.csv</source>
        <comment>@item default file name; %1 is the mirror's name</comment>
        <translation>%1-actividad.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <comment>@item file dialog filter</comment>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <comment>@info activity status</comment>
        <translation>%1 filas exportadas a %2</translation>
    </message>
    <message>
        <source>The activity could not be written to %1: %2</source>
        <comment>@info</comment>
        <translation>No se pudo escribir la actividad en %1: %2</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <comment>@title:window</comment>
        <translation>Falló la exportación</translation>
    </message>
    <message>
        <source>%1: columns</source>
        <comment>@info:accessible the header of a table</comment>
        <translation>%1: columnas</translation>
    </message>
</context>
<context>
    <name>PassMirror::GlobalShortcut</name>
    <message>
        <source>Unmount All Mirrors</source>
        <comment>@action global shortcut</comment>
        <translation>Desmontar todos los espejos</translation>
    </message>
    <message>
        <source>“%1” in %2</source>
        <comment>@info global shortcut's action in application</comment>
        <translation>«%1» en %2</translation>
    </message>
    <message>
        <source>another global shortcut</source>
        <comment>@info</comment>
        <translation>otro atajo global</translation>
    </message>
</context>
<context>
    <name>PassMirror::ShortcutDialog</name>
    <message>
        <source>Global Shortcut</source>
        <comment>@title:window</comment>
        <translation>Atajo global</translation>
    </message>
    <message>
        <source>This key combination unmounts every mounted mirror, whichever application has the keyboard focus.</source>
        <comment>@info</comment>
        <translation>Esta combinación de teclas desmonta todos los espejos montados, tenga el foco del teclado la aplicación que sea.</translation>
    </message>
    <message>
        <source>The global shortcut service of KDE Plasma (kglobalacceld) is not running in this session, so there is no global shortcut.</source>
        <comment>@info</comment>
        <translation>El servicio de atajos globales de KDE Plasma (kglobalacceld) no se está ejecutando en esta sesión, así que no hay atajo global.</translation>
    </message>
    <message>
        <source>Global shortcut for unmounting all mirrors</source>
        <comment>@info:accessible</comment>
        <translation>Atajo global para desmontar todos los espejos</translation>
    </message>
    <message>
        <source>&amp;Unmount all mirrors:</source>
        <comment>@label</comment>
        <translation>&amp;Desmontar todos los espejos:</translation>
    </message>
    <message>
        <source>Reset to &amp;Default (%1)</source>
        <comment>@action:button the default key combination</comment>
        <translation>&amp;Restablecer el predeterminado (%1)</translation>
    </message>
    <message>
        <source>&amp;No Shortcut</source>
        <comment>@action:button remove the global shortcut</comment>
        <translation>&amp;Ningún atajo</translation>
    </message>
    <message>
        <source>Problem with the key combination</source>
        <comment>@label accessible</comment>
        <translation>Problema con la combinación de teclas</translation>
    </message>
    <message>
        <source>%1 is already the global shortcut for %2. Choose another key combination.</source>
        <comment>@info</comment>
        <translation>%1 ya es el atajo global de %2. Elija otra combinación de teclas.</translation>
    </message>
    <message>
        <source>The global shortcut service did not accept %1.</source>
        <comment>@info</comment>
        <translation>El servicio de atajos globales no ha aceptado %1.</translation>
    </message>
</context>
<context>
    <name>PassMirror::SessionFollower</name>
    <message>
        <source>%1, which belongs to someone else</source>
        <comment>@item what a mirror waits for: a folder</comment>
        <translation>%1, que pertenece a otra persona</translation>
    </message>
    <message>
        <source>%1, which does not answer</source>
        <comment>@item what a mirror waits for: a folder on a share that hangs</comment>
        <translation>%1, que no responde</translation>
    </message>
</context>
</TS>

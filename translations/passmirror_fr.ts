<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
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
        <translation>Une erreur s’est produite dans PassMirror.</translation>
    </message>
    <message>
        <source>The helper did not understand the request.</source>
        <comment>@info error</comment>
        <translation>L’assistant n’a pas compris la demande.</translation>
    </message>
    <message>
        <source>The source folder %1 does not exist.</source>
        <comment>@info error</comment>
        <translation>Le dossier source %1 n’existe pas.</translation>
    </message>
    <message>
        <source>The source %1 is not a folder.</source>
        <comment>@info error</comment>
        <translation>La source %1 n’est pas un dossier.</translation>
    </message>
    <message>
        <source>You cannot read the source folder %1.</source>
        <comment>@info error</comment>
        <translation>Vous ne pouvez pas lire le dossier source %1.</translation>
    </message>
    <message>
        <source>The mount point %1 does not exist.</source>
        <comment>@info error</comment>
        <translation>Le point de montage %1 n’existe pas.</translation>
    </message>
    <message>
        <source>The mount point %1 is not a folder.</source>
        <comment>@info error</comment>
        <translation>Le point de montage %1 n’est pas un dossier.</translation>
    </message>
    <message>
        <source>The mount point %1 is not empty; choose an empty folder.</source>
        <comment>@info error</comment>
        <translation>Le point de montage %1 n’est pas vide ; choisissez un dossier vide.</translation>
    </message>
    <message>
        <source>The mount point %1 does not belong to you.</source>
        <comment>@info error</comment>
        <translation>Le point de montage %1 ne vous appartient pas.</translation>
    </message>
    <message>
        <source>The mount point %1 is inside the source folder %2.</source>
        <comment>@info error</comment>
        <translation>Le point de montage %1 se trouve dans le dossier source %2.</translation>
    </message>
    <message>
        <source>The source folder %1 is inside the mount point %2.</source>
        <comment>@info error</comment>
        <translation>Le dossier source %1 se trouve dans le point de montage %2.</translation>
    </message>
    <message>
        <source>Kernel passthrough is not available on this system; set the data path of %1 to automatic.</source>
        <comment>@info error</comment>
        <translation>Le passthrough du noyau n’est pas disponible sur ce système ; réglez le chemin des données de %1 sur automatique.</translation>
    </message>
    <message>
        <source>The kernel refused to mount %1.</source>
        <comment>@info error</comment>
        <translation>Le noyau a refusé de monter %1.</translation>
    </message>
    <message>
        <source>PassMirror lacks a privilege it needs to mount %1.</source>
        <comment>@info error</comment>
        <translation>Il manque à PassMirror un privilège nécessaire pour monter %1.</translation>
    </message>
    <message>
        <source>Your user account could not be found.</source>
        <comment>@info error</comment>
        <translation>Votre compte utilisateur est introuvable.</translation>
    </message>
    <message>
        <source>The path %1 is not valid: it must be absolute, in UTF-8 and free of symbolic links.</source>
        <comment>@info error</comment>
        <translation>Le chemin %1 n’est pas valide : il doit être absolu, en UTF-8 et sans liens symboliques.</translation>
    </message>
    <message>
        <source>You have reached the limit of mirrors; unmount one before mounting %1.</source>
        <comment>@info error</comment>
        <translation>Vous avez atteint la limite de miroirs ; démontez-en un avant de monter %1.</translation>
    </message>
    <message>
        <source>There is no mirror at %1.</source>
        <comment>@info error</comment>
        <translation>Il n’y a pas de miroir sur %1.</translation>
    </message>
    <message>
        <source>The mirror at %1 is in use.</source>
        <comment>@info error</comment>
        <translation>Le miroir sur %1 est en cours d’utilisation.</translation>
    </message>
    <message>
        <source>You are not allowed to do this, or the authentication was cancelled.</source>
        <comment>@info error</comment>
        <translation>Vous n’êtes pas autorisé à faire cela, ou l’authentification a été annulée.</translation>
    </message>
    <message>
        <source>The PassMirror helper could not be reached; check that PassMirror is installed completely.</source>
        <comment>@info error</comment>
        <translation>L’assistant de PassMirror est injoignable ; vérifiez que PassMirror est entièrement installé.</translation>
    </message>
    <message>
        <source>The helper did not answer in time.</source>
        <comment>@info error</comment>
        <translation>L’assistant n’a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The mirror daemon for %1 stopped unexpectedly.</source>
        <comment>@info error</comment>
        <translation>Le démon du miroir %1 s’est arrêté de façon inattendue.</translation>
    </message>
    <message>
        <source>This kernel has no FUSE over io_uring.</source>
        <comment>@info error</comment>
        <translation>Ce noyau ne propose pas FUSE sur io_uring.</translation>
    </message>
    <message>
        <source>Unknown error %1.</source>
        <comment>@info error</comment>
        <translation>Erreur inconnue %1.</translation>
    </message>
    <message>
        <source>The source %1 is, or contains, a system folder of the kernel (such as /proc or /sys), which cannot be mirrored.</source>
        <comment>@info error</comment>
        <translation>La source %1 est, ou contient, un dossier système du noyau (comme /proc ou /sys), qui ne peut pas être mis en miroir.</translation>
    </message>
    <message>
        <source>The path %1 is not valid: it must be absolute, in UTF-8, without control characters and free of symbolic links.</source>
        <comment>@info error</comment>
        <translation>Le chemin %1 n’est pas valide : il doit être absolu, en UTF-8, sans caractères de contrôle et sans liens symboliques.</translation>
    </message>
</context>
<context>
    <name>PassMirror::Application</name>
    <message>
        <source>Quit PassMirror</source>
        <comment>@title:window</comment>
        <translation>Quitter PassMirror</translation>
    </message>
    <message numerus="yes">
        <source>%n mirror(s) are mounted. Unmount them before quitting, or leave them running?</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n miroir est monté. Le démonter avant de quitter, ou le laisser actif ?</numerusform>
            <numerusform>%n miroirs sont montés. Les démonter avant de quitter, ou les laisser actifs ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Unmount and Quit</source>
        <comment>@action:button</comment>
        <translation>Démonter et quitter</translation>
    </message>
    <message>
        <source>Leave Running and Quit</source>
        <comment>@action:button</comment>
        <translation>Laisser actif et quitter</translation>
    </message>
    <message>
        <source>Start in the tray without showing the window</source>
        <comment>@info:shell command-line option</comment>
        <translation>Démarrer dans la zone de notification sans afficher la fenêtre</translation>
    </message>
    <message>
        <source>Mount the mirrors marked &quot;mount at login&quot;</source>
        <comment>@info:shell command-line option</comment>
        <translation>Monter les miroirs marqués « monter à la connexion »</translation>
    </message>
</context>
<context>
    <name>PassMirror::DetailsPanel</name>
    <message>
        <source>Mirror details</source>
        <comment>@info:accessible</comment>
        <translation>Détails du miroir</translation>
    </message>
    <message>
        <source>State:</source>
        <comment>@label</comment>
        <translation>État :</translation>
    </message>
    <message>
        <source>Source:</source>
        <comment>@label</comment>
        <translation>Source :</translation>
    </message>
    <message>
        <source>Mount point:</source>
        <comment>@label</comment>
        <translation>Point de montage :</translation>
    </message>
    <message>
        <source>Data path:</source>
        <comment>@label</comment>
        <translation>Chemin des données :</translation>
    </message>
    <message>
        <source>Open now:</source>
        <comment>@label files and folders open in the mirror</comment>
        <translation>Ouverts maintenant :</translation>
    </message>
    <message>
        <source>Bytes:</source>
        <comment>@label</comment>
        <translation>Octets :</translation>
    </message>
    <message>
        <source>Opens served:</source>
        <comment>@label</comment>
        <translation>Ouvertures servies :</translation>
    </message>
    <message>
        <source>Requests and errors per operation</source>
        <comment>@info:accessible table</comment>
        <translation>Requêtes et erreurs par opération</translation>
    </message>
    <message>
        <source>Operation</source>
        <comment>@title:column</comment>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Requests</source>
        <comment>@title:column</comment>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Errors</source>
        <comment>@title:column</comment>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>No mirror selected</source>
        <comment>@info</comment>
        <translation>Aucun miroir sélectionné</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>@info state — why</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 files, %2 folders</source>
        <comment>@info open now</comment>
        <translation>%1 fichiers, %2 dossiers</translation>
    </message>
    <message>
        <source>%1 read, %2 written through the daemon</source>
        <comment>@info</comment>
        <translation>%1 lus, %2 écrits via le démon</translation>
    </message>
    <message>
        <source>%1 by kernel passthrough, %2 in userspace, %3 fell back</source>
        <comment>@info</comment>
        <translation>%1 par passthrough du noyau, %2 en espace utilisateur, %3 en repli</translation>
    </message>
    <message>
        <source>Operation columns</source>
        <comment>@info:accessible</comment>
        <translation>Colonnes des opérations</translation>
    </message>
    <message>
        <source>/dev/fuse</source>
        <comment>@info FUSE transport (a device file name)</comment>
        <translation>/dev/fuse</translation>
    </message>
    <message>
        <source>FUSE over io_uring</source>
        <comment>@info FUSE transport</comment>
        <translation>FUSE sur io_uring</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <comment>@info FUSE transport not reported yet</comment>
        <translation>Pas encore connu</translation>
    </message>
    <message>
        <source>Requests via:</source>
        <comment>@label how FUSE requests reach the daemon</comment>
        <translation>Requêtes via :</translation>
    </message>
</context>
<context>
    <name>PassMirror::IoUringDialog</name>
    <message>
        <source>FUSE over io_uring</source>
        <comment>@title:window</comment>
        <translation>FUSE sur io_uring</translation>
    </message>
    <message>
        <source>FUSE over io_uring lets the kernel hand requests to mirror daemons through shared rings instead of the /dev/fuse device, which makes opening and closing files faster. It is a switch of the kernel for the whole computer: every FUSE file system mounted after the change, by any user, may use it. Mirrors already mounted keep their transport until they are mounted again. The kernel forgets the setting when the computer restarts.</source>
        <comment>@info</comment>
        <translation>Avec FUSE sur io_uring, le noyau transmet les requêtes aux démons des miroirs par des anneaux partagés au lieu du périphérique /dev/fuse, ce qui accélère l’ouverture et la fermeture des fichiers. C’est un réglage du noyau pour tout l’ordinateur : tout système de fichiers FUSE monté après le changement, par n’importe quel utilisateur, peut l’utiliser. Les miroirs déjà montés gardent leur transport jusqu’à leur prochain montage. Le noyau oublie ce réglage au redémarrage de l’ordinateur.</translation>
    </message>
    <message>
        <source>Kernel switch:</source>
        <comment>@label</comment>
        <translation>Réglage du noyau :</translation>
    </message>
    <message>
        <source>Kernel switch</source>
        <comment>@label accessible</comment>
        <translation>Réglage du noyau</translation>
    </message>
    <message>
        <source>&amp;Use FUSE over io_uring on this computer</source>
        <comment>@option:check</comment>
        <translation>&amp;Utiliser FUSE sur io_uring sur cet ordinateur</translation>
    </message>
    <message>
        <source>Changing it needs administrator authentication.</source>
        <comment>@info</comment>
        <translation>Le modifier demande une authentification d’administrateur.</translation>
    </message>
    <message>
        <source>Result</source>
        <comment>@label accessible</comment>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <comment>@action:button change the kernel switch</comment>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <source>On</source>
        <comment>@info kernel switch</comment>
        <translation>Activé</translation>
    </message>
    <message>
        <source>Off</source>
        <comment>@info kernel switch</comment>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Not available: this kernel has no FUSE over io_uring (Linux 6.14 or newer built with CONFIG_FUSE_IO_URING)</source>
        <comment>@info kernel switch</comment>
        <translation>Non disponible : ce noyau ne propose pas FUSE sur io_uring (Linux 6.14 ou plus récent compilé avec CONFIG_FUSE_IO_URING)</translation>
    </message>
    <message>
        <source>Asking for administrator authentication…</source>
        <comment>@info</comment>
        <translation>Demande d’authentification d’administrateur…</translation>
    </message>
    <message>
        <source>FUSE over io_uring is on; mirrors mounted from now on may use it.</source>
        <comment>@info</comment>
        <translation>FUSE sur io_uring est activé ; les miroirs montés désormais peuvent l’utiliser.</translation>
    </message>
    <message>
        <source>FUSE over io_uring is off; mirrors mounted from now on use /dev/fuse.</source>
        <comment>@info</comment>
        <translation>FUSE sur io_uring est désactivé ; les miroirs montés désormais utilisent /dev/fuse.</translation>
    </message>
    <message>
        <source>Use FUSE over io_uring on this computer</source>
        <comment>@option:check accessible</comment>
        <translation>Utiliser FUSE sur io_uring sur cet ordinateur</translation>
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
        <translation>Miroirs</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <comment>@action:button hide the message</comment>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <comment>@action:button accessible</comment>
        <translation>Fermer le message</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>@info mirror name: what went wrong</comment>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>&amp;Add Mirror…</source>
        <comment>@action</comment>
        <translation>&amp;Ajouter un miroir…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <comment>@action</comment>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <comment>@action</comment>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Mount</source>
        <comment>@action</comment>
        <translation>Mo&amp;nter</translation>
    </message>
    <message>
        <source>&amp;Unmount</source>
        <comment>@action</comment>
        <translation>&amp;Démonter</translation>
    </message>
    <message>
        <source>&amp;Open in File Manager</source>
        <comment>@action</comment>
        <translation>&amp;Ouvrir dans le gestionnaire de fichiers</translation>
    </message>
    <message>
        <source>Mount A&amp;ll</source>
        <comment>@action</comment>
        <translation>Monter &amp;tout</translation>
    </message>
    <message>
        <source>Unmount Al&amp;l</source>
        <comment>@action</comment>
        <translation>Démonter t&amp;out</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <comment>@action</comment>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Start at Login</source>
        <comment>@option:check</comment>
        <translation>&amp;Démarrer à la connexion</translation>
    </message>
    <message>
        <source>&amp;Mirror</source>
        <comment>@title:menu</comment>
        <translation>&amp;Miroir</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <comment>@title:menu</comment>
        <translation>&amp;Configuration</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <comment>@title:window</comment>
        <translation>Barre d&apos;outils principale</translation>
    </message>
    <message>
        <source>Remove Mirror</source>
        <comment>@title:window</comment>
        <translation>Supprimer le miroir</translation>
    </message>
    <message>
        <source>Remove the mirror &quot;%1&quot;? It is unmounted first if it is mounted; the source folder is not touched.</source>
        <comment>@info</comment>
        <translation>Supprimer le miroir « %1 » ? S&apos;il est monté, il est d&apos;abord démonté ; le dossier source n&apos;est pas touché.</translation>
    </message>
    <message>
        <source>Remove</source>
        <comment>@action:button</comment>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>The mirror &quot;%1&quot; is in use and was not unmounted.</source>
        <comment>@info</comment>
        <translation>Le miroir « %1 » est utilisé et n&apos;a pas été démonté.</translation>
    </message>
    <message>
        <source>Programs using it: %1</source>
        <comment>@info</comment>
        <translation>Programmes qui l&apos;utilisent : %1</translation>
    </message>
    <message>
        <source>Force unmount detaches it now; those programs lose access to their open files.</source>
        <comment>@info</comment>
        <translation>Le démontage forcé le détache maintenant ; ces programmes perdent l&apos;accès à leurs fichiers ouverts.</translation>
    </message>
    <message>
        <source>Mirror in Use</source>
        <comment>@title:window</comment>
        <translation>Miroir utilisé</translation>
    </message>
    <message>
        <source>Force Unmount</source>
        <comment>@action:button</comment>
        <translation>Forcer le démontage</translation>
    </message>
    <message>
        <source>Mirror list columns</source>
        <comment>@info:accessible</comment>
        <translation>Colonnes de la liste des miroirs</translation>
    </message>
    <message>
        <source>FUSE over &amp;io_uring…</source>
        <comment>@action</comment>
        <translation>FUSE sur &amp;io_uring…</translation>
    </message>
    <message>
        <source>Selected mirror</source>
        <comment>@info:accessible tabs</comment>
        <translation>Miroir sélectionné</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <comment>@title:tab</comment>
        <translation>&amp;Détails</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <comment>@title:tab requests to the mirror, one by one</comment>
        <translation>&amp;Activité</translation>
    </message>
    <message>
        <source>What programs do in the mirror, request by request</source>
        <comment>@info:tooltip</comment>
        <translation>Ce que les programmes font dans le miroir, requête par requête</translation>
    </message>
    <message>
        <source>Configure Global S&amp;hortcut…</source>
        <comment>@action</comment>
        <translation>Configurer le &amp;raccourci global…</translation>
    </message>
    <message>
        <source>%1: mounted meanwhile; unmount it to change its folders.</source>
        <comment>@info mirror name</comment>
        <translation>%1 : monté entre-temps ; démontez-le pour changer ses dossiers.</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorController</name>
    <message>
        <source>Cannot write the autostart entry %1</source>
        <comment>@info</comment>
        <translation>Impossible d&apos;écrire l&apos;entrée de démarrage automatique %1</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorDialog</name>
    <message>
        <source>Add Mirror</source>
        <comment>@title:window</comment>
        <translation>Ajouter un miroir</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <comment>@label:textbox</comment>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>@label:textbox accessible</comment>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Source folder</source>
        <comment>@label:textbox accessible</comment>
        <translation>Dossier source</translation>
    </message>
    <message>
        <source>Browse…</source>
        <comment>@action:button choose the source folder</comment>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Choose the source folder</source>
        <comment>@action:button accessible</comment>
        <translation>Choisir le dossier source</translation>
    </message>
    <message>
        <source>&amp;Source folder:</source>
        <comment>@label:textbox</comment>
        <translation>Dossier &amp;source :</translation>
    </message>
    <message>
        <source>Mount point</source>
        <comment>@label:textbox accessible</comment>
        <translation>Point de montage</translation>
    </message>
    <message>
        <source>Browse…</source>
        <comment>@action:button choose the mount point</comment>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Choose the mount point</source>
        <comment>@action:button accessible</comment>
        <translation>Choisir le point de montage</translation>
    </message>
    <message>
        <source>Create under ~/Mirrors</source>
        <comment>@action:button</comment>
        <translation>Créer sous ~/Mirrors</translation>
    </message>
    <message>
        <source>&amp;Mount point:</source>
        <comment>@label:textbox</comment>
        <translation>&amp;Point de montage :</translation>
    </message>
    <message>
        <source>&amp;Read-only</source>
        <comment>@option:check</comment>
        <translation>&amp;Lecture seule</translation>
    </message>
    <message>
        <source>Read-only</source>
        <comment>@option:check accessible</comment>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <source>Automatic (kernel passthrough when available)</source>
        <comment>@item:inlistbox</comment>
        <translation>Automatique (passthrough du noyau si disponible)</translation>
    </message>
    <message>
        <source>Always kernel passthrough</source>
        <comment>@item:inlistbox</comment>
        <translation>Toujours le passthrough du noyau</translation>
    </message>
    <message>
        <source>Never (data through the daemon)</source>
        <comment>@item:inlistbox</comment>
        <translation>Jamais (données via le démon)</translation>
    </message>
    <message>
        <source>Data path</source>
        <comment>@label:listbox accessible</comment>
        <translation>Chemin des données</translation>
    </message>
    <message>
        <source>&amp;Data path:</source>
        <comment>@label:listbox</comment>
        <translation>&amp;Chemin des données :</translation>
    </message>
    <message>
        <source>Mount at &amp;login</source>
        <comment>@option:check</comment>
        <translation>Monter à la &amp;connexion</translation>
    </message>
    <message>
        <source>Mount at login</source>
        <comment>@option:check accessible</comment>
        <translation>Monter à la connexion</translation>
    </message>
    <message>
        <source>OK</source>
        <comment>@action:button accessible</comment>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <comment>@action:button accessible</comment>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Choose the Folder to Mirror</source>
        <comment>@title:window</comment>
        <translation>Choisir le dossier à refléter</translation>
    </message>
    <message>
        <source>Choose an Empty Folder for the Mirror</source>
        <comment>@title:window</comment>
        <translation>Choisir un dossier vide pour le miroir</translation>
    </message>
    <message>
        <source>Edit Mirror</source>
        <comment>@title:window</comment>
        <translation>Modifier le miroir</translation>
    </message>
    <message>
        <source>mirror</source>
        <comment>@item default folder name under ~/Mirrors</comment>
        <translation>miroir</translation>
    </message>
    <message>
        <source>Mount when the source is a&amp;vailable</source>
        <comment>@option:check</comment>
        <translation>Monter quand la source est &amp;disponible</translation>
    </message>
    <message>
        <source>Mount when the source is available</source>
        <comment>@option:check accessible</comment>
        <translation>Monter quand la source est disponible</translation>
    </message>
    <message>
        <source>Waits while the source folder or its drive is missing, mounts as soon as it appears and unmounts when it goes away.</source>
        <comment>@info:tooltip</comment>
        <translation>Attend tant que le dossier source ou son disque est absent, monte dès qu'il apparaît et démonte quand il disparaît.</translation>
    </message>
    <message>
        <source>Unmount when the screen loc&amp;ks</source>
        <comment>@option:check</comment>
        <translation>Démonter quand l'écran se &amp;verrouille</translation>
    </message>
    <message>
        <source>Unmount when the screen locks</source>
        <comment>@option:check accessible</comment>
        <translation>Démonter quand l'écran se verrouille</translation>
    </message>
    <message>
        <source>Mount again on &amp;unlock</source>
        <comment>@option:check</comment>
        <translation>Remonter au dé&amp;verrouillage</translation>
    </message>
    <message>
        <source>Mount again when the screen is unlocked</source>
        <comment>@option:check accessible</comment>
        <translation>Remonter quand l'écran est déverrouillé</translation>
    </message>
    <message>
        <source>Never</source>
        <comment>@item:valuesuffix unmount when idle: never</comment>
        <translation>Jamais</translation>
    </message>
    <message>
        <source> min</source>
        <comment>@item:valuesuffix minutes</comment>
        <translation> min</translation>
    </message>
    <message>
        <source>Unmount after this many minutes without activity</source>
        <comment>@label:spinbox accessible</comment>
        <translation>Démonter après ce nombre de minutes sans activité</translation>
    </message>
    <message>
        <source>Unmount when &amp;idle for:</source>
        <comment>@label:spinbox</comment>
        <translation>Démonter après &amp;inactivité de :</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorListModel</name>
    <message>
        <source>Stopped</source>
        <comment>@item mirror state</comment>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Mounting</source>
        <comment>@item mirror state</comment>
        <translation>Montage en cours</translation>
    </message>
    <message>
        <source>Mounted</source>
        <comment>@item mirror state</comment>
        <translation>Monté</translation>
    </message>
    <message>
        <source>Unmounting</source>
        <comment>@item mirror state</comment>
        <translation>Démontage en cours</translation>
    </message>
    <message>
        <source>Error</source>
        <comment>@item mirror state</comment>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Kernel passthrough</source>
        <comment>@item how file data reaches the mirror</comment>
        <translation>Passthrough du noyau</translation>
    </message>
    <message>
        <source>Userspace</source>
        <comment>@item how file data reaches the mirror</comment>
        <translation>Espace utilisateur</translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>@item rate per second</comment>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>@info:accessible state: why</comment>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation>Nom</translation>
    </message>
    <message>
        <source>State</source>
        <comment>@title:column</comment>
        <translation>État</translation>
    </message>
    <message>
        <source>Source</source>
        <comment>@title:column</comment>
        <translation>Source</translation>
    </message>
    <message>
        <source>Mount Point</source>
        <comment>@title:column</comment>
        <translation>Point de montage</translation>
    </message>
    <message>
        <source>Data Path</source>
        <comment>@title:column</comment>
        <translation>Chemin des données</translation>
    </message>
    <message>
        <source>Opens</source>
        <comment>@title:column count of open requests</comment>
        <translation>Ouvertures</translation>
    </message>
    <message>
        <source>Opens/s</source>
        <comment>@title:column</comment>
        <translation>Ouvertures/s</translation>
    </message>
    <message>
        <source>Flushes</source>
        <comment>@title:column count of flush requests</comment>
        <translation>Vidages</translation>
    </message>
    <message>
        <source>Flushes/s</source>
        <comment>@title:column</comment>
        <translation>Vidages/s</translation>
    </message>
    <message>
        <source>Closes</source>
        <comment>@title:column count of release requests</comment>
        <translation>Fermetures</translation>
    </message>
    <message>
        <source>Closes/s</source>
        <comment>@title:column</comment>
        <translation>Fermetures/s</translation>
    </message>
    <message>
        <source>The mirror&apos;s mount is gone, but its daemon did not clean up.</source>
        <comment>@info</comment>
        <translation>Le montage du miroir a disparu, mais son démon n&apos;a pas fait le ménage.</translation>
    </message>
    <message>
        <source>The mirror&apos;s daemon died.</source>
        <comment>@info</comment>
        <translation>Le démon du miroir s&apos;est arrêté brutalement.</translation>
    </message>
    <message>
        <source>Waiting</source>
        <comment>@item mirror state</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Waiting for %1</source>
        <comment>@item mirror state: the folder or drive it waits for</comment>
        <translation>En attente de %1</translation>
    </message>
</context>
<context>
    <name>PassMirror::MirrorValidation</name>
    <message>
        <source>Choose the folder to mirror.</source>
        <translation>Choisissez le dossier à refléter.</translation>
    </message>
    <message>
        <source>Choose an empty folder to show the mirror in.</source>
        <translation>Choisissez un dossier vide où afficher le miroir.</translation>
    </message>
    <message>
        <source>The source path contains a NUL character.</source>
        <translation>Le chemin source contient un caractère NUL.</translation>
    </message>
    <message>
        <source>The mount point path contains a NUL character.</source>
        <translation>Le chemin du point de montage contient un caractère NUL.</translation>
    </message>
    <message>
        <source>The source path is not valid UTF-8.</source>
        <translation>Le chemin source n&apos;est pas de l&apos;UTF-8 valide.</translation>
    </message>
    <message>
        <source>The mount point path is not valid UTF-8.</source>
        <translation>Le chemin du point de montage n&apos;est pas de l&apos;UTF-8 valide.</translation>
    </message>
    <message>
        <source>The source must be an absolute path (starting with /).</source>
        <translation>La source doit être un chemin absolu (commençant par /).</translation>
    </message>
    <message>
        <source>The mount point must be an absolute path (starting with /).</source>
        <translation>Le point de montage doit être un chemin absolu (commençant par /).</translation>
    </message>
    <message>
        <source>The source path or one of its names is too long.</source>
        <translation>Le chemin source ou l&apos;un de ses noms est trop long.</translation>
    </message>
    <message>
        <source>The mount point path or one of its names is too long.</source>
        <translation>Le chemin du point de montage ou l&apos;un de ses noms est trop long.</translation>
    </message>
    <message>
        <source>The source path must not contain &quot;.&quot; or &quot;..&quot;.</source>
        <translation>Le chemin source ne doit pas contenir « . » ni « .. ».</translation>
    </message>
    <message>
        <source>The mount point path must not contain &quot;.&quot; or &quot;..&quot;.</source>
        <translation>Le chemin du point de montage ne doit pas contenir « . » ni « .. ».</translation>
    </message>
    <message>
        <source>The source folder does not exist.</source>
        <translation>Le dossier source n&apos;existe pas.</translation>
    </message>
    <message>
        <source>The mount point does not exist; create it or use &quot;Create under ~/Mirrors&quot;.</source>
        <translation>Le point de montage n&apos;existe pas ; créez-le ou utilisez « Créer sous ~/Mirrors ».</translation>
    </message>
    <message>
        <source>The source path contains a symbolic link.</source>
        <translation>Le chemin source contient un lien symbolique.</translation>
    </message>
    <message>
        <source>The mount point path contains a symbolic link.</source>
        <translation>Le chemin du point de montage contient un lien symbolique.</translation>
    </message>
    <message>
        <source>You cannot reach the source folder.</source>
        <translation>Vous ne pouvez pas accéder au dossier source.</translation>
    </message>
    <message>
        <source>You cannot reach the mount point.</source>
        <translation>Vous ne pouvez pas accéder au point de montage.</translation>
    </message>
    <message>
        <source>Give the mirror a name.</source>
        <translation>Donnez un nom au miroir.</translation>
    </message>
    <message>
        <source>Another mirror already has this name.</source>
        <translation>Un autre miroir porte déjà ce nom.</translation>
    </message>
    <message>
        <source>The source is not a folder.</source>
        <translation>La source n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>You cannot read the source folder.</source>
        <translation>Vous ne pouvez pas lire le dossier source.</translation>
    </message>
    <message>
        <source>Another mirror already uses this mount point.</source>
        <translation>Un autre miroir utilise déjà ce point de montage.</translation>
    </message>
    <message>
        <source>The mount point is not a folder.</source>
        <translation>Le point de montage n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>The mount point belongs to someone else; use a folder of your own.</source>
        <translation>Le point de montage appartient à quelqu&apos;un d&apos;autre ; utilisez un dossier à vous.</translation>
    </message>
    <message>
        <source>The mount point is not empty; use an empty folder.</source>
        <translation>Le point de montage n&apos;est pas vide ; utilisez un dossier vide.</translation>
    </message>
    <message>
        <source>The mount point is inside the source folder; the mirror would contain itself.</source>
        <translation>Le point de montage est dans le dossier source ; le miroir se contiendrait lui-même.</translation>
    </message>
    <message>
        <source>The source folder is inside the mount point.</source>
        <translation>Le dossier source est dans le point de montage.</translation>
    </message>
    <message>
        <source>The source is, or contains, a system folder of the kernel (such as /proc); it cannot be mirrored.</source>
        <translation>La source est, ou contient, un dossier système du noyau (comme /proc) ; elle ne peut pas être mise en miroir.</translation>
    </message>
    <message>
        <source>The source path contains a control character (such as a line break or a tab).</source>
        <translation>Le chemin source contient un caractère de contrôle (comme un saut de ligne ou une tabulation).</translation>
    </message>
    <message>
        <source>The mount point path contains a control character (such as a line break or a tab).</source>
        <translation>Le chemin du point de montage contient un caractère de contrôle (comme un saut de ligne ou une tabulation).</translation>
    </message>
</context>
<context>
    <name>PassMirror::Notifier</name>
    <message>
        <source>Mirror Mounted</source>
        <comment>@title notification</comment>
        <translation>Miroir monté</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is mounted at %2.</source>
        <comment>@info notification</comment>
        <translation>« %1 » est monté sur %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is in use and stays mounted.</source>
        <comment>@info notification</comment>
        <translation>« %1 » est utilisé et reste monté.</translation>
    </message>
    <message>
        <source>Used by: %1</source>
        <comment>@info notification</comment>
        <translation>Utilisé par : %1</translation>
    </message>
    <message>
        <source>Mirror Not Unmounted</source>
        <comment>@title notification</comment>
        <translation>Miroir non démonté</translation>
    </message>
    <message>
        <source>Mirror Stopped</source>
        <comment>@title notification</comment>
        <translation>Miroir arrêté</translation>
    </message>
    <message>
        <source>The daemon of &quot;%1&quot; died; the mirror is no longer available.</source>
        <comment>@info notification</comment>
        <translation>Le démon de « %1 » s&apos;est arrêté ; le miroir n&apos;est plus disponible.</translation>
    </message>
    <message numerus="yes">
        <source>%n mirror(s) mounted.</source>
        <comment>@info notification</comment>
        <translation>
            <numerusform>%n miroir monté.</numerusform>
            <numerusform>%n miroirs montés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mirror(s) could not be mounted; see the window for why.</source>
        <comment>@info notification</comment>
        <translation>
            <numerusform>%n miroir n&apos;a pas pu être monté ; voir la fenêtre pour la raison.</numerusform>
            <numerusform>%n miroirs n&apos;ont pas pu être montés ; voir la fenêtre pour les raisons.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mirrors at Login</source>
        <comment>@title notification</comment>
        <translation>Miroirs à la connexion</translation>
    </message>
    <message>
        <source>"%1" is being unmounted: %2 went away.</source>
        <comment>@info notification mirror name, its source folder or drive</comment>
        <translation>« %1 » est en cours de démontage : %2 a disparu.</translation>
    </message>
    <message>
        <source>"%1" is being unmounted because the screen locked.</source>
        <comment>@info notification</comment>
        <translation>« %1 » est en cours de démontage car l'écran s'est verrouillé.</translation>
    </message>
    <message numerus="yes">
        <source>"%1" is being unmounted after %n minute(s) without activity.</source>
        <comment>@info notification</comment>
        <translation>
            <numerusform>« %1 » est en cours de démontage après %n minute sans activité.</numerusform>
            <numerusform>« %1 » est en cours de démontage après %n minutes sans activité.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mirror Unmounted</source>
        <comment>@title notification</comment>
        <translation>Miroir démonté</translation>
    </message>
</context>
<context>
    <name>PassMirror::RatePlot</name>
    <message>
        <source>Open, flush and close rates over the last five minutes</source>
        <comment>@info:accessible chart</comment>
        <translation>Taux d&apos;ouverture, de vidage et de fermeture des cinq dernières minutes</translation>
    </message>
    <message>
        <source>Opens/s</source>
        <comment>@label chart legend</comment>
        <translation>Ouvertures/s</translation>
    </message>
    <message>
        <source>Flushes/s</source>
        <comment>@label chart legend</comment>
        <translation>Vidages/s</translation>
    </message>
    <message>
        <source>Closes/s</source>
        <comment>@label chart legend</comment>
        <translation>Fermetures/s</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <comment>@label chart axis</comment>
        <translation>il y a %1 min</translation>
    </message>
    <message>
        <source>now</source>
        <comment>@label chart axis</comment>
        <translation>maintenant</translation>
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
        <translation>Tout démonter</translation>
    </message>
    <message>
        <source>Show Window</source>
        <comment>@action tray menu</comment>
        <translation>Afficher la fenêtre</translation>
    </message>
    <message>
        <source>Quit</source>
        <comment>@action tray menu</comment>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>%1 of %2 mirrors mounted</source>
        <comment>@info:tooltip</comment>
        <translation>%1 miroirs montés sur %2</translation>
    </message>
    <message>
        <source>%1 with errors</source>
        <comment>@info:tooltip mirrors</comment>
        <translation>%1 en erreur</translation>
    </message>
    <message>
        <source>%1: %2 opens, %3 flushes, %4 closes</source>
        <comment>@info:tooltip</comment>
        <translation>%1 : %2 ouvertures, %3 vidages, %4 fermetures</translation>
    </message>
    <message>
        <source>PassMirror</source>
        <comment>@title tray tooltip</comment>
        <translation>PassMirror</translation>
    </message>
    <message>
        <source>%1 (waiting for %2)</source>
        <comment>@action:inmenu mirror name, the folder or drive it waits for</comment>
        <translation>%1 (en attente de %2)</translation>
    </message>
    <message>
        <source>%1: waiting for %2</source>
        <comment>@info:tooltip mirror name, the folder or drive it waits for</comment>
        <translation>%1 : en attente de %2</translation>
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
        <translation>Heure</translation>
    </message>
    <message>
        <source>Process</source>
        <comment>@title:column command[pid]</comment>
        <translation>Processus</translation>
    </message>
    <message>
        <source>User</source>
        <comment>@title:column</comment>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Operation</source>
        <comment>@title:column</comment>
        <translation>Opération</translation>
    </message>
    <message>
        <source>File</source>
        <comment>@title:column</comment>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Result</source>
        <comment>@title:column ok or an error name</comment>
        <translation>Résultat</translation>
    </message>
</context>
<context>
    <name>PassMirror::ActivityPanel</name>
    <message>
        <source>Mirror activity</source>
        <comment>@info:accessible</comment>
        <translation>Activité du miroir</translation>
    </message>
    <message>
        <source>Lost: events the daemon wrote over in its ring before the window could read them.</source>
        <comment>@info:tooltip</comment>
        <translation>Perdus : événements que le démon a écrasés dans son anneau avant que la fenêtre ne puisse les lire.</translation>
    </message>
    <message>
        <source>Requests to the mirror, newest last</source>
        <comment>@info:accessible table</comment>
        <translation>Requêtes vers le miroir, les plus récentes en dernier</translation>
    </message>
    <message>
        <source>Activity columns</source>
        <comment>@info:accessible</comment>
        <translation>Colonnes de l’activité</translation>
    </message>
    <message>
        <source>Resumed: %1 events caught up, %2 skipped while paused</source>
        <comment>@info activity status</comment>
        <translation>Reprise : %1 événements rattrapés, %2 ignorés pendant la pause</translation>
    </message>
    <message>
        <source>Process filter</source>
        <comment>@info:accessible</comment>
        <translation>Filtre de processus</translation>
    </message>
    <message>
        <source>name or PID</source>
        <comment>@info:placeholder</comment>
        <translation>nom ou PID</translation>
    </message>
    <message>
        <source>Show only one process: its PID, or part of its command name.</source>
        <comment>@info:tooltip</comment>
        <translation>N’afficher qu’un processus : son PID, ou une partie du nom de sa commande.</translation>
    </message>
    <message>
        <source>Pro&amp;cess:</source>
        <comment>@label:textbox</comment>
        <translation>&amp;Processus :</translation>
    </message>
    <message>
        <source>Operation filter</source>
        <comment>@info:accessible</comment>
        <translation>Filtre d’opération</translation>
    </message>
    <message>
        <source>Show only one kind of request.</source>
        <comment>@info:tooltip</comment>
        <translation>N’afficher qu’un type de requête.</translation>
    </message>
    <message>
        <source>All operations</source>
        <comment>@item:inlistbox</comment>
        <translation>Toutes les opérations</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <comment>@label:listbox</comment>
        <translation>&amp;Opération :</translation>
    </message>
    <message>
        <source>Path filter</source>
        <comment>@info:accessible</comment>
        <translation>Filtre de chemin</translation>
    </message>
    <message>
        <source>part of the path</source>
        <comment>@info:placeholder</comment>
        <translation>partie du chemin</translation>
    </message>
    <message>
        <source>Show only files whose path in the mirror contains this text.</source>
        <comment>@info:tooltip</comment>
        <translation>N’afficher que les fichiers dont le chemin dans le miroir contient ce texte.</translation>
    </message>
    <message>
        <source>Pat&amp;h:</source>
        <comment>@label:textbox</comment>
        <translation>C&amp;hemin :</translation>
    </message>
    <message>
        <source>&amp;Errors only</source>
        <comment>@option:check</comment>
        <translation>&amp;Erreurs seulement</translation>
    </message>
    <message>
        <source>Errors only</source>
        <comment>@info:accessible</comment>
        <translation>Erreurs seulement</translation>
    </message>
    <message>
        <source>Show only requests answered with an error.</source>
        <comment>@info:tooltip</comment>
        <translation>N’afficher que les requêtes auxquelles une erreur a été répondue.</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <comment>@action:button</comment>
        <translation>Pa&amp;use</translation>
    </message>
    <message>
        <source>Pause</source>
        <comment>@action:button accessible</comment>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Keep the table still; events are still read and counted, and go in when you resume.</source>
        <comment>@info:tooltip</comment>
        <translation>Figer le tableau ; les événements sont toujours lus et comptés, et s’ajoutent à la reprise.</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <comment>@action:button</comment>
        <translation>&amp;Vider</translation>
    </message>
    <message>
        <source>Clear the table</source>
        <comment>@action:button accessible</comment>
        <translation>Vider le tableau</translation>
    </message>
    <message>
        <source>Remove the rows shown and start the top views afresh; new events keep coming.</source>
        <comment>@info:tooltip</comment>
        <translation>Retirer les lignes affichées et recommencer les classements ; les nouveaux événements continuent d’arriver.</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <comment>@action:button</comment>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <source>Export the rows shown as CSV</source>
        <comment>@action:button accessible</comment>
        <translation>Exporter les lignes affichées en CSV</translation>
    </message>
    <message>
        <source>Save the rows shown now, after the filters, as a CSV file.</source>
        <comment>@info:tooltip</comment>
        <translation>Enregistrer les lignes affichées maintenant, après les filtres, dans un fichier CSV.</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <comment>@action:button</comment>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>Resume</source>
        <comment>@action:button accessible</comment>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Time the top views cover</source>
        <comment>@info:accessible</comment>
        <translation>Période couverte par les classements</translation>
    </message>
    <message>
        <source>How far back the busiest processes, files and the errors reach.</source>
        <comment>@info:tooltip</comment>
        <translation>Jusqu’où remontent les processus et fichiers les plus actifs et les erreurs.</translation>
    </message>
    <message>
        <source>10 seconds</source>
        <comment>@item:inlistbox time window</comment>
        <translation>10 secondes</translation>
    </message>
    <message>
        <source>1 minute</source>
        <comment>@item:inlistbox time window</comment>
        <translation>1 minute</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <comment>@item:inlistbox time window</comment>
        <translation>5 minutes</translation>
    </message>
    <message>
        <source>&amp;Top in the last:</source>
        <comment>@label:listbox</comment>
        <translation>Classemen&amp;t sur :</translation>
    </message>
    <message>
        <source>Busiest processes</source>
        <comment>@info:accessible table</comment>
        <translation>Processus les plus actifs</translation>
    </message>
    <message>
        <source>Process</source>
        <comment>@title:column command[pid]</comment>
        <translation>Processus</translation>
    </message>
    <message>
        <source>User</source>
        <comment>@title:column</comment>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Requests</source>
        <comment>@title:column</comment>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Errors</source>
        <comment>@title:column</comment>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Busiest files</source>
        <comment>@info:accessible table</comment>
        <translation>Fichiers les plus actifs</translation>
    </message>
    <message>
        <source>File</source>
        <comment>@title:column</comment>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Errors by operation</source>
        <comment>@info:accessible table</comment>
        <translation>Erreurs par opération</translation>
    </message>
    <message>
        <source>Operation</source>
        <comment>@title:column</comment>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Error</source>
        <comment>@title:column errno name</comment>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Count</source>
        <comment>@title:column</comment>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Processes</source>
        <comment>@title:group busiest processes</comment>
        <translation>Processus</translation>
    </message>
    <message>
        <source>Files</source>
        <comment>@title:group busiest files</comment>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Errors</source>
        <comment>@title:group errors by operation</comment>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Select a mirror to see what programs do in it.</source>
        <comment>@info</comment>
        <translation>Sélectionnez un miroir pour voir ce que les programmes y font.</translation>
    </message>
    <message>
        <source>“%1” is not mounted. What programs do in it shows here while it is mounted.</source>
        <comment>@info</comment>
        <translation>« %1 » n’est pas monté. Ce que les programmes y font s’affiche ici tant qu’il est monté.</translation>
    </message>
    <message>
        <source>“%1” keeps no record of its activity: its daemon was started with --no-activity. The counters on the Details tab still count every request.</source>
        <comment>@info</comment>
        <translation>« %1 » ne garde aucune trace de son activité : son démon a été lancé avec --no-activity. Les compteurs de l’onglet Détails comptent toujours chaque requête.</translation>
    </message>
    <message>
        <source>The activity record of “%1” cannot be read: %2</source>
        <comment>@info</comment>
        <translation>L’enregistrement de l’activité de « %1 » ne peut pas être lu : %2</translation>
    </message>
    <message>
        <source>“%1” is not mounted any more; these are the last events read from it</source>
        <comment>@info activity status</comment>
        <translation>« %1 » n’est plus monté ; voici les derniers événements lus</translation>
    </message>
    <message>
        <source>Events read: %1</source>
        <comment>@info activity status</comment>
        <translation>Événements lus : %1</translation>
    </message>
    <message>
        <source>Lost: %1</source>
        <comment>@info activity status: events overwritten in the ring before they were read</comment>
        <translation>Perdus : %1</translation>
    </message>
    <message>
        <source>Shown: %1 of the last %2</source>
        <comment>@info activity status: rows after the filters of the rows kept</comment>
        <translation>Affichés : %1 des %2 derniers</translation>
    </message>
    <message>
        <source>The ring closed: the mirror's daemon has ended</source>
        <comment>@info activity status</comment>
        <translation>L’anneau s’est fermé : le démon du miroir s’est arrêté</translation>
    </message>
    <message>
        <source>Paused: %1 new events held, %2 skipped</source>
        <comment>@info activity status</comment>
        <translation>En pause : %1 nouveaux événements en attente, %2 ignorés</translation>
    </message>
    <message>
        <source>%1 requests in this time</source>
        <comment>@info top views</comment>
        <translation>%1 requêtes sur cette période</translation>
    </message>
    <message>
        <source>%1 requests in the last %2 s only: at most %3 events are kept</source>
        <comment>@info top views</comment>
        <translation>%1 requêtes sur les %2 dernières secondes seulement : %3 événements au plus sont gardés</translation>
    </message>
    <message>
        <source>Export Activity as CSV</source>
        <comment>@title:window</comment>
        <translation>Exporter l’activité en CSV</translation>
    </message>
    <message>
        <source>%1-activity.csv</source>
        <comment>@item default file name; %1 is the mirror's name</comment>
        <translation>%1-activite.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <comment>@item file dialog filter</comment>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <comment>@info activity status</comment>
        <translation>%1 lignes exportées vers %2</translation>
    </message>
    <message>
        <source>The activity could not be written to %1: %2</source>
        <comment>@info</comment>
        <translation>L’activité n’a pas pu être écrite dans %1 : %2</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <comment>@title:window</comment>
        <translation>Échec de l’exportation</translation>
    </message>
    <message>
        <source>%1: columns</source>
        <comment>@info:accessible the header of a table</comment>
        <translation>%1 : colonnes</translation>
    </message>
</context>
<context>
    <name>PassMirror::GlobalShortcut</name>
    <message>
        <source>Unmount All Mirrors</source>
        <comment>@action global shortcut</comment>
        <translation>Démonter tous les miroirs</translation>
    </message>
    <message>
        <source>“%1” in %2</source>
        <comment>@info global shortcut's action in application</comment>
        <translation>« %1 » dans %2</translation>
    </message>
    <message>
        <source>another global shortcut</source>
        <comment>@info</comment>
        <translation>un autre raccourci global</translation>
    </message>
</context>
<context>
    <name>PassMirror::ShortcutDialog</name>
    <message>
        <source>Global Shortcut</source>
        <comment>@title:window</comment>
        <translation>Raccourci global</translation>
    </message>
    <message>
        <source>This key combination unmounts every mounted mirror, whichever application has the keyboard focus.</source>
        <comment>@info</comment>
        <translation>Cette combinaison de touches démonte tous les miroirs montés, quelle que soit l'application qui a le focus du clavier.</translation>
    </message>
    <message>
        <source>The global shortcut service of KDE Plasma (kglobalacceld) is not running in this session, so there is no global shortcut.</source>
        <comment>@info</comment>
        <translation>Le service de raccourcis globaux de KDE Plasma (kglobalacceld) ne fonctionne pas dans cette session : il n'y a donc pas de raccourci global.</translation>
    </message>
    <message>
        <source>Global shortcut for unmounting all mirrors</source>
        <comment>@info:accessible</comment>
        <translation>Raccourci global pour démonter tous les miroirs</translation>
    </message>
    <message>
        <source>&amp;Unmount all mirrors:</source>
        <comment>@label</comment>
        <translation>&amp;Démonter tous les miroirs :</translation>
    </message>
    <message>
        <source>Reset to &amp;Default (%1)</source>
        <comment>@action:button the default key combination</comment>
        <translation>&amp;Rétablir la valeur par défaut (%1)</translation>
    </message>
    <message>
        <source>&amp;No Shortcut</source>
        <comment>@action:button remove the global shortcut</comment>
        <translation>&amp;Aucun raccourci</translation>
    </message>
    <message>
        <source>Problem with the key combination</source>
        <comment>@label accessible</comment>
        <translation>Problème avec la combinaison de touches</translation>
    </message>
    <message>
        <source>%1 is already the global shortcut for %2. Choose another key combination.</source>
        <comment>@info</comment>
        <translation>%1 est déjà le raccourci global de %2. Choisissez une autre combinaison de touches.</translation>
    </message>
    <message>
        <source>The global shortcut service did not accept %1.</source>
        <comment>@info</comment>
        <translation>Le service de raccourcis globaux n'a pas accepté %1.</translation>
    </message>
</context>
<context>
    <name>PassMirror::SessionFollower</name>
    <message>
        <source>%1, which belongs to someone else</source>
        <comment>@item what a mirror waits for: a folder</comment>
        <translation>%1, qui appartient à quelqu'un d'autre</translation>
    </message>
    <message>
        <source>%1, which does not answer</source>
        <comment>@item what a mirror waits for: a folder on a share that hangs</comment>
        <translation>%1, qui ne répond pas</translation>
    </message>
</context>
</TS>

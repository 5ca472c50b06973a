/** UI text of process-definition administration (流程定义), Chinese first. */
export const workflowAdminZhCN = {
  // the menu entry, for the admin layout
  'workflowAdmin.nav': '流程定义',

  'workflowAdmin.list.title': '流程定义',
  'workflowAdmin.list.description':
    '审批流程的 BPMN 2.0 定义，每个流程显示最新版本；实施清单按流程标识引用流程。',
  'workflowAdmin.list.none': '还没有部署流程定义',
  'workflowAdmin.list.deploy': '部署新流程',
  'workflowAdmin.list.provinceOnly': '流程定义由省级管理员部署，您可以查看。',

  'workflowAdmin.col.name': '流程名称',
  'workflowAdmin.col.key': '流程标识',
  'workflowAdmin.col.version': '版本',
  'workflowAdmin.col.elements': '流程元素',
  'workflowAdmin.col.deployedBy': '部署人',
  'workflowAdmin.col.deployedAt': '部署时间',

  'workflowAdmin.version': '第 {version} 版',
  'workflowAdmin.count': '{kind} {count}',
  'workflowAdmin.deployedBy.system': '系统内置',
  'workflowAdmin.deployedBy.me': '我（{name}）',
  'workflowAdmin.dateTime': '{date} {time}',

  'workflowAdmin.kind.startEvent': '开始事件',
  'workflowAdmin.kind.endEvent': '结束事件',
  'workflowAdmin.kind.userTask': '用户任务',
  'workflowAdmin.kind.serviceTask': '服务任务',
  'workflowAdmin.kind.callActivity': '调用子流程',
  'workflowAdmin.kind.exclusiveGateway': '排他网关',
  'workflowAdmin.kind.parallelGateway': '并行网关',
  'workflowAdmin.kind.boundaryTimer': '定时边界事件',

  'workflowAdmin.deploy.title': '部署新流程',
  'workflowAdmin.deploy.titleVersion': '部署“{name}”的新版本',
  'workflowAdmin.deploy.intro':
    '上传 BPMN 2.0 XML 文件（.bpmn 或 .xml）。流程 id 与已有流程相同时部署为它的新版本：新的申请按新版本办理，办理中的案件仍按原版本。',
  'workflowAdmin.deploy.introVersion':
    '上传流程 {key} 的 BPMN 2.0 XML 文件（.bpmn 或 .xml）。新的申请按新版本办理，办理中的案件仍按原版本。',
  'workflowAdmin.deploy.drop': '点击选择或拖入 BPMN 文件',
  'workflowAdmin.deploy.hint': '不含流程图（BPMNDiagram）的定义在部署时自动排版。',
  'workflowAdmin.deploy.uploading': '正在部署…',
  'workflowAdmin.deploy.file': '文件：{file}',
  'workflowAdmin.deploy.empty': '文件是空的。',
  'workflowAdmin.deploy.tooLarge': '文件超过 {max} 个字符，不能部署。',
  'workflowAdmin.deploy.unreadable': '无法读取文件：{reason}',
  'workflowAdmin.deploy.wrongKey':
    '文件中的流程 id 是“{found}”，不是“{key}”。部署其他流程请到流程定义列表。',
  'workflowAdmin.deploy.done': '已部署“{name}”第 {version} 版',
  'workflowAdmin.deploy.refused': '定义有 {count} 个问题，未部署',
  'workflowAdmin.deploy.refusedDetail': '按下表修改后重新上传。',

  'workflowAdmin.problems.caption': '定义中的问题',
  'workflowAdmin.problems.element': '元素 id',
  'workflowAdmin.problems.message': '问题',
  'workflowAdmin.problems.whole': '（整个定义）',

  'workflowAdmin.detail.back': '返回流程定义',
  'workflowAdmin.detail.description': '流程标识 {key} · 第 {version} 版',
  'workflowAdmin.detail.download': '下载 BPMN',
  'workflowAdmin.detail.deployVersion': '部署新版本',
  'workflowAdmin.detail.info': '定义信息',
  'workflowAdmin.detail.diagram': '流程图',
  'workflowAdmin.detail.diagramLabel': '“{name}”的流程图',
  'workflowAdmin.detail.diagramHelp':
    '拖动平移，滚轮缩放；点击用户任务可在办理环节表中查看。标注为办理角色和办理时限。',
  'workflowAdmin.detail.fit': '适合窗口',
  'workflowAdmin.detail.diagramLoading': '正在绘制流程图…',
  'workflowAdmin.detail.noDiagram': '此版本不含流程图',
  'workflowAdmin.detail.noDiagramDetail':
    '定义中没有图形信息（BPMNDiagram），无法绘制；流程照常运行，办理环节见下表。',
  'workflowAdmin.detail.diagramFailed': '流程图无法显示',
  'workflowAdmin.detail.versions': '版本历史',
  'workflowAdmin.detail.current': '当前版本',
  'workflowAdmin.detail.olderHint': '新申请按当前版本办理；此前启动的案件按其启动时的版本办理。',

  'workflowAdmin.steps.title': '办理环节',
  'workflowAdmin.steps.caption': '用户任务及其办理角色、办理机构和时限',
  'workflowAdmin.steps.none': '此流程没有用户任务',
  'workflowAdmin.steps.name': '环节',
  'workflowAdmin.steps.role': '办理角色',
  'workflowAdmin.steps.organisation': '办理机构',
  'workflowAdmin.steps.limit': '办理时限',
  'workflowAdmin.steps.timers': '定时',
  'workflowAdmin.steps.show': '在流程图中定位',
  'workflowAdmin.steps.limitDays': '{days} 个工作日',
  'workflowAdmin.steps.sameDay': '当日办结',
  'workflowAdmin.steps.noLimit': '不限',
  'workflowAdmin.steps.multiInstance': '会签：{collection} 中每项一个任务',
  'workflowAdmin.steps.badge': '{role} · {limit}',

  'workflowAdmin.org.implementingOrganisationId': '实施机构',
  'workflowAdmin.org.acceptingOrganisationId': '受理机构',
  'workflowAdmin.org.consultedOrganisationId': '会签机构',

  'workflowAdmin.timer.interrupting': '超时中断',
  'workflowAdmin.timer.nonInterrupting': '超时提醒',
  'workflowAdmin.timer.share': '时限的 {percent}%',
  'workflowAdmin.timer.duration': '{duration}',
  'workflowAdmin.timer.entry': '{name}：{due}（{kind}）',
} as const satisfies Record<string, string>;

export const workflowAdminEn: Record<keyof typeof workflowAdminZhCN, string> = {
  'workflowAdmin.nav': 'Process definitions',

  'workflowAdmin.list.title': 'Process definitions',
  'workflowAdmin.list.description':
    'BPMN 2.0 definitions of the approval processes, each at its latest version; implementation lists name a process by its key.',
  'workflowAdmin.list.none': 'No process definitions deployed yet',
  'workflowAdmin.list.deploy': 'Deploy a new process',
  'workflowAdmin.list.provinceOnly':
    'The province admin deploys process definitions; you can view them.',

  'workflowAdmin.col.name': 'Process',
  'workflowAdmin.col.key': 'Key',
  'workflowAdmin.col.version': 'Version',
  'workflowAdmin.col.elements': 'Elements',
  'workflowAdmin.col.deployedBy': 'Deployed by',
  'workflowAdmin.col.deployedAt': 'Deployed at',

  'workflowAdmin.version': 'v{version}',
  'workflowAdmin.count': '{kind}: {count}',
  'workflowAdmin.deployedBy.system': 'Built in',
  'workflowAdmin.deployedBy.me': 'Me ({name})',
  'workflowAdmin.dateTime': '{date} {time}',

  'workflowAdmin.kind.startEvent': 'Start events',
  'workflowAdmin.kind.endEvent': 'End events',
  'workflowAdmin.kind.userTask': 'User tasks',
  'workflowAdmin.kind.serviceTask': 'Service tasks',
  'workflowAdmin.kind.callActivity': 'Call activities',
  'workflowAdmin.kind.exclusiveGateway': 'Exclusive gateways',
  'workflowAdmin.kind.parallelGateway': 'Parallel gateways',
  'workflowAdmin.kind.boundaryTimer': 'Boundary timers',

  'workflowAdmin.deploy.title': 'Deploy a new process',
  'workflowAdmin.deploy.titleVersion': 'Deploy a new version of “{name}”',
  'workflowAdmin.deploy.intro':
    'Upload a BPMN 2.0 XML file (.bpmn or .xml). A process id that is already deployed becomes its next version: new applications follow the new version, cases under way keep theirs.',
  'workflowAdmin.deploy.introVersion':
    'Upload the BPMN 2.0 XML file (.bpmn or .xml) of process {key}. New applications follow the new version, cases under way keep theirs.',
  'workflowAdmin.deploy.drop': 'Click to choose or drop a BPMN file',
  'workflowAdmin.deploy.hint':
    'A definition without a diagram (BPMNDiagram) is laid out automatically when deployed.',
  'workflowAdmin.deploy.uploading': 'Deploying…',
  'workflowAdmin.deploy.file': 'File: {file}',
  'workflowAdmin.deploy.empty': 'The file is empty.',
  'workflowAdmin.deploy.tooLarge':
    'The file has more than {max} characters and cannot be deployed.',
  'workflowAdmin.deploy.unreadable': 'The file cannot be read: {reason}',
  'workflowAdmin.deploy.wrongKey':
    'The process id in the file is “{found}”, not “{key}”. Deploy other processes from the list of process definitions.',
  'workflowAdmin.deploy.done': 'Deployed “{name}” version {version}',
  'workflowAdmin.deploy.refused': 'The definition has {count} problem(s) and was not deployed',
  'workflowAdmin.deploy.refusedDetail': 'Fix what the table lists and upload it again.',

  'workflowAdmin.problems.caption': 'Problems in the definition',
  'workflowAdmin.problems.element': 'Element id',
  'workflowAdmin.problems.message': 'Problem',
  'workflowAdmin.problems.whole': '(whole definition)',

  'workflowAdmin.detail.back': 'Back to process definitions',
  'workflowAdmin.detail.description': 'Process key {key} · version {version}',
  'workflowAdmin.detail.download': 'Download BPMN',
  'workflowAdmin.detail.deployVersion': 'Deploy a new version',
  'workflowAdmin.detail.info': 'Definition',
  'workflowAdmin.detail.diagram': 'Diagram',
  'workflowAdmin.detail.diagramLabel': 'Diagram of “{name}”',
  'workflowAdmin.detail.diagramHelp':
    'Drag to pan, scroll to zoom; click a user task to find it in the steps table. Badges show the role and the time limit.',
  'workflowAdmin.detail.fit': 'Fit to view',
  'workflowAdmin.detail.diagramLoading': 'Drawing the diagram…',
  'workflowAdmin.detail.noDiagram': 'This version has no diagram',
  'workflowAdmin.detail.noDiagramDetail':
    'The definition has no diagram information (BPMNDiagram) to draw; the process runs all the same, and its steps are listed below.',
  'workflowAdmin.detail.diagramFailed': 'The diagram cannot be shown',
  'workflowAdmin.detail.versions': 'Versions',
  'workflowAdmin.detail.current': 'Current',
  'workflowAdmin.detail.olderHint':
    'New applications follow the current version; cases started earlier keep the version they started with.',

  'workflowAdmin.steps.title': 'Steps',
  'workflowAdmin.steps.caption': 'User tasks with their role, organisation and time limit',
  'workflowAdmin.steps.none': 'This process has no user tasks',
  'workflowAdmin.steps.name': 'Step',
  'workflowAdmin.steps.role': 'Role',
  'workflowAdmin.steps.organisation': 'Organisation',
  'workflowAdmin.steps.limit': 'Time limit',
  'workflowAdmin.steps.timers': 'Timers',
  'workflowAdmin.steps.show': 'Show in the diagram',
  'workflowAdmin.steps.limitDays': '{days} working day(s)',
  'workflowAdmin.steps.sameDay': 'Same day',
  'workflowAdmin.steps.noLimit': 'None',
  'workflowAdmin.steps.multiInstance': 'Countersigned: one task per item of {collection}',
  'workflowAdmin.steps.badge': '{role} · {limit}',

  'workflowAdmin.org.implementingOrganisationId': 'Implementing organisation',
  'workflowAdmin.org.acceptingOrganisationId': 'Accepting organisation',
  'workflowAdmin.org.consultedOrganisationId': 'Consulted organisation',

  'workflowAdmin.timer.interrupting': 'interrupts',
  'workflowAdmin.timer.nonInterrupting': 'reminder',
  'workflowAdmin.timer.share': '{percent}% of the limit',
  'workflowAdmin.timer.duration': '{duration}',
  'workflowAdmin.timer.entry': '{name}: {due} ({kind})',
};

// Frozen once released: imports nothing from the app. The first version of each template shipped with BranchDesk
// (DOMAIN.md §7 occasions), in 简体中文, 繁體中文 and English; migration 0010 writes them with fixed ids on every
// device, so an answer given under one names the same version everywhere. A manager's change is a new version.

export interface Labels {
  'zh-CN': string;
  'zh-TW': string;
  en: string;
}

export interface ShippedQuestion {
  id: string;
  type: 'rating' | 'nps' | 'single' | 'multiple' | 'text';
  required: boolean;
  csat?: boolean;
  text: Labels;
  choices?: { code: string; label: Labels }[];
}

export interface ShippedTemplate {
  code: string;
  occasion: 'counter_visit' | 'phone_callback' | 'after_event' | 'after_complaint' | 'quarterly';
  title: Labels;
  questions: ShippedQuestion[];
}

const l = (zhCN: string, zhTW: string, en: string): Labels => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

const OVERALL = (what: Labels): ShippedQuestion => ({
  id: 'overall',
  type: 'rating',
  required: true,
  csat: true,
  text: l(
    `您对${what['zh-CN']}的总体满意度（1–5 分）`,
    `您對${what['zh-TW']}的整體滿意度（1–5 分）`,
    `How satisfied are you with ${what.en} overall? (1–5)`,
  ),
});

const RECOMMEND: ShippedQuestion = {
  id: 'recommend',
  type: 'nps',
  required: true,
  text: l(
    '您有多大可能向亲友推荐我行（0–10 分）',
    '您有多大可能向親友推薦本行（0–10 分）',
    'How likely are you to recommend us to a friend or relative? (0–10)',
  ),
};

const COMMENT: ShippedQuestion = {
  id: 'comment',
  type: 'text',
  required: false,
  text: l('其他意见或建议', '其他意見或建議', 'Anything else you would like to tell us'),
};

/** Each has one CSAT question (a 1–5 rating) and one NPS question. */
export const SHIPPED_TEMPLATES: ShippedTemplate[] = [
  {
    code: 'counter_visit',
    occasion: 'counter_visit',
    title: l('柜面服务满意度', '櫃面服務滿意度', 'Counter visit'),
    questions: [
      OVERALL(l('本次柜面服务', '本次櫃面服務', "today's service at the counter")),
      {
        id: 'waiting',
        type: 'rating',
        required: true,
        text: l('等候时间是否可以接受（1–5 分）', '等候時間是否可以接受（1–5 分）', 'Was the waiting time acceptable? (1–5)'),
      },
      {
        id: 'improve',
        type: 'multiple',
        required: false,
        text: l('您希望我们改进哪些方面', '您希望我們改進哪些方面', 'What should we improve?'),
        choices: [
          { code: 'waiting', label: l('等候时间', '等候時間', 'Waiting time') },
          { code: 'attitude', label: l('服务态度', '服務態度', 'Staff attitude') },
          { code: 'explanation', label: l('业务讲解', '業務講解', 'How things were explained') },
          { code: 'environment', label: l('网点环境', '網點環境', 'The branch itself') },
        ],
      },
      RECOMMEND,
      COMMENT,
    ],
  },
  {
    code: 'phone_callback',
    occasion: 'phone_callback',
    title: l('电话回访', '電話回訪', 'Phone callback'),
    questions: [
      OVERALL(l('我行近期为您提供的服务', '本行近期為您提供的服務', 'our recent service')),
      {
        id: 'resolved',
        type: 'single',
        required: true,
        text: l('您上次办理的业务是否已解决', '您上次辦理的業務是否已解決', 'Was what you came for last time sorted out?'),
        choices: [
          { code: 'yes', label: l('已解决', '已解決', 'Yes') },
          { code: 'partly', label: l('部分解决', '部分解決', 'Partly') },
          { code: 'no', label: l('未解决', '未解決', 'No') },
        ],
      },
      RECOMMEND,
      COMMENT,
    ],
  },
  {
    code: 'after_event',
    occasion: 'after_event',
    title: l('活动满意度', '活動滿意度', 'After an event'),
    questions: [
      OVERALL(l('本次活动', '本次活動', 'the event')),
      {
        id: 'content',
        type: 'rating',
        required: true,
        text: l('活动内容对您是否有帮助（1–5 分）', '活動內容對您是否有幫助（1–5 分）', 'Was the content useful to you? (1–5)'),
      },
      {
        id: 'next_topics',
        type: 'multiple',
        required: false,
        text: l('您希望下次活动的主题', '您希望下次活動的主題', 'What would you like the next event to be about?'),
        choices: [
          { code: 'wealth', label: l('理财规划', '理財規劃', 'Wealth planning') },
          { code: 'pension', label: l('养老规划', '養老規劃', 'Retirement') },
          { code: 'metals', label: l('贵金属', '貴金屬', 'Precious metals') },
          { code: 'health', label: l('健康养生', '健康養生', 'Health') },
          { code: 'children', label: l('子女教育', '子女教育', "Children's education") },
        ],
      },
      RECOMMEND,
      COMMENT,
    ],
  },
  {
    code: 'after_complaint',
    occasion: 'after_complaint',
    title: l('投诉处理满意度', '投訴處理滿意度', 'After a complaint'),
    questions: [
      OVERALL(l('我行对您投诉的处理', '本行對您投訴的處理', 'how we handled your complaint')),
      {
        id: 'timely',
        type: 'single',
        required: true,
        text: l('处理是否及时', '處理是否及時', 'Was it handled in good time?'),
        choices: [
          { code: 'yes', label: l('及时', '及時', 'Yes') },
          { code: 'no', label: l('不及时', '不及時', 'No') },
        ],
      },
      {
        id: 'explained',
        type: 'rating',
        required: true,
        text: l('处理结果的说明是否清楚（1–5 分）', '處理結果的說明是否清楚（1–5 分）', 'Was the decision explained clearly? (1–5)'),
      },
      RECOMMEND,
      COMMENT,
    ],
  },
  {
    code: 'quarterly',
    occasion: 'quarterly',
    title: l('季度客户满意度问卷', '季度客戶滿意度問卷', 'Quarterly questionnaire'),
    questions: [
      OVERALL(l('我行本季度的服务', '本行本季度的服務', 'our service this quarter')),
      {
        id: 'channels',
        type: 'multiple',
        required: false,
        text: l('您本季度常用的办理渠道', '您本季度常用的辦理管道', 'Which channels did you use this quarter?'),
        choices: [
          { code: 'counter', label: l('柜面', '櫃面', 'Counter') },
          { code: 'app', label: l('手机银行', '手機銀行', 'Mobile app') },
          { code: 'phone', label: l('电话银行', '電話銀行', 'Phone banking') },
          { code: 'atm', label: l('自助设备', '自助設備', 'Self-service machines') },
        ],
      },
      {
        id: 'manager',
        type: 'single',
        required: false,
        text: l('您是否知道您的客户经理', '您是否知道您的客戶經理', 'Do you know your relationship manager?'),
        choices: [
          { code: 'yes', label: l('知道', '知道', 'Yes') },
          { code: 'no', label: l('不知道', '不知道', 'No') },
        ],
      },
      RECOMMEND,
      COMMENT,
    ],
  },
];

import { createRouter, createWebHistory } from 'vue-router'
import HomeView from './views/HomeView.vue'
import { focusHeadingOnNavigation } from './focus-heading'

declare module 'vue-router' {
  interface RouteMeta {
    title: string
    /** the navigation link highlighted on this screen: a patient's page is under Patients */
    section: string
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'home', component: HomeView, meta: { title: 'Home', section: '/' } },
    {
      path: '/patients',
      name: 'patients',
      component: () => import('./views/PatientsView.vue'),
      meta: { title: 'Patients', section: '/patients' }
    },
    {
      path: '/patients/new',
      name: 'patient-new',
      component: () => import('./views/PatientNewView.vue'),
      meta: { title: 'New patient', section: '/patients' }
    },
    {
      path: '/patients/:id(\\d+)',
      name: 'patient',
      component: () => import('./views/PatientView.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
      meta: { title: 'Patient', section: '/patients' }
    },
    {
      path: '/patients/:patientId(\\d+)/visits/new',
      name: 'visit-new',
      component: () => import('./views/VisitView.vue'),
      props: (route) => ({ patientId: Number(route.params.patientId) }),
      meta: { title: 'Record a visit', section: '/patients' }
    },
    {
      path: '/patients/:patientId(\\d+)/visits/:visitId(\\d+)',
      name: 'visit-edit',
      component: () => import('./views/VisitView.vue'),
      props: (route) => ({
        patientId: Number(route.params.patientId),
        visitId: Number(route.params.visitId)
      }),
      meta: { title: 'Visit', section: '/patients' }
    },
    {
      path: '/programs/:versionId(\\d+)',
      name: 'program',
      component: () => import('./views/ProgramView.vue'),
      props: (route) => ({ versionId: Number(route.params.versionId) }),
      meta: { title: 'Program', section: '/patients' }
    },
    {
      path: '/library',
      name: 'library',
      component: () => import('./views/LibraryView.vue'),
      meta: { title: 'Library', section: '/library' }
    },
    {
      path: '/library/import',
      name: 'import',
      component: () => import('./views/ImportView.vue'),
      meta: { title: 'Import exercises', section: '/library' }
    },
    {
      path: '/library/new',
      name: 'exercise-new',
      component: () => import('./views/ExerciseEditView.vue'),
      meta: { title: 'New exercise', section: '/library' }
    },
    {
      path: '/library/:id(\\d+)/edit',
      name: 'exercise-edit',
      component: () => import('./views/ExerciseEditView.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
      meta: { title: 'Edit exercise', section: '/library' }
    },
    {
      path: '/templates',
      name: 'templates',
      component: () => import('./views/TemplatesView.vue'),
      meta: { title: 'Templates', section: '/templates' }
    },
    {
      path: '/templates/new',
      name: 'template-new',
      component: () => import('./views/TemplateEditView.vue'),
      props: (route) => (route.query.from ? { copyOf: Number(route.query.from) } : {}),
      meta: { title: 'New template', section: '/templates' }
    },
    {
      path: '/templates/:id(\\d+)/edit',
      name: 'template-edit',
      component: () => import('./views/TemplateEditView.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
      meta: { title: 'Edit template', section: '/templates' }
    },
    {
      path: '/settings',
      name: 'settings',
      component: () => import('./views/SettingsView.vue'),
      meta: { title: 'Settings', section: '/settings' }
    },
    {
      path: '/sync',
      name: 'sync',
      component: () => import('./views/SyncView.vue'),
      // reached from the sync banner, not from the navigation
      meta: { title: 'Changes that need you', section: '/sync' }
    },
    { path: '/:rest(.*)*', redirect: '/' }
  ]
})

router.afterEach((to) => {
  document.title = `${to.meta.title} · PhysioPlan`
})
focusHeadingOnNavigation(router)
